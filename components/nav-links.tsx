"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { CartBadge } from "./shop/cart-badge";

const LINKS = [
  { href: "/drafts", label: "Drafts" },
  { href: "/shop", label: "Shop" },
  { href: "/cart", label: "Cart" },
  { href: "/orders", label: "Orders" },
  { href: "/apply", label: "Apply" },
  { href: "/watch", label: "Watch" },
  { href: "/about", label: "Your data" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="nav">
      {LINKS.map(({ href, label }) => (
        <Link key={href} href={href} aria-current={pathname === href ? "page" : undefined}>
          {label}
          {href === "/cart" && <CartBadge />}
        </Link>
      ))}
    </nav>
  );
}

import type { Metadata } from "next";
import { CartPage } from "@/components/shop/cart-page";

export const metadata: Metadata = { title: "Cart · Handoff" };

export default function Page() {
  return <CartPage />;
}

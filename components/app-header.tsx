import Link from "next/link";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

interface Props {
  email: string | null;
  mode: "user" | "guest";
}

export function AppHeader({ email, mode }: Props) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Handoff
      </Link>
      <NavLinks />
      {mode === "user" && email && (
        <div className="who">
          <Link href="/account" className="email" title="Your account">
            {email}
          </Link>
          <SignOutButton />
        </div>
      )}
      {mode === "guest" && (
        <div className="who">
          <span className="email">Guest</span>
          <Link href="/signin" className="button">
            Sign in
          </Link>
        </div>
      )}
    </header>
  );
}

import Link from "next/link";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({
  email,
  signedIn = false,
}: {
  email: string | null;
  signedIn?: boolean;
}) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Handoff
      </Link>
      {signedIn && <NavLinks />}
      {email && (
        <div className="who">
          <span className="email" title={email}>
            {email}
          </span>
          <SignOutButton />
        </div>
      )}
    </header>
  );
}

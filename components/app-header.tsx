import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ email }: { email: string | null }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Handoff
      </Link>
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

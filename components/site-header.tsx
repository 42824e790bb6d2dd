import Link from "next/link";

/** The header of pages outside the app (landing, sign-in): no navigation, no client code. */
export function SiteHeader() {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Handoff
      </Link>
    </header>
  );
}

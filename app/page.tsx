import Link from "next/link";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/server/auth/session";

export default async function Home() {
  if (await currentUser()) redirect("/drafts");
  return (
    <>
      <SiteHeader />
      <main className="landing">
        <h1>Start on one device, finish on another.</h1>
        <p>
          Handoff saves every edit you make to the database as you type, and your other browsers
          pick it up within about a second. Your session is a signed token, so any server can answer
          you and a restart signs nobody out.
        </p>
        <div className="actions">
          <Link href="/signin" className="button primary">
            Sign in or create an account
          </Link>
          <Link href="/drafts" className="button">
            Try it as a guest
          </Link>
        </div>
        <p className="hint">
          As a guest, what you do stays in this browser (for 7 days) and goes nowhere; sign in later
          and it moves into your account.
        </p>
      </main>
    </>
  );
}

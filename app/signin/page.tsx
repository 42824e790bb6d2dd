import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SiteHeader } from "@/components/site-header";
import { githubEnabled } from "@/lib/server/auth/options";
import { currentUser } from "@/lib/server/auth/session";
import { isSessionEnd, SESSION_END_NOTICE } from "@/lib/shared/auth/session-end";

export const metadata: Metadata = { title: "Sign in · Handoff" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ ended?: string }>;
}) {
  if (await currentUser()) redirect("/drafts");
  const { ended } = await searchParams;
  // Why this device was signed out, when it was (every tab of it lands here with the same).
  return (
    <>
      <SiteHeader />
      <main className="center">
        <SignInForm
          githubEnabled={githubEnabled}
          notice={isSessionEnd(ended) ? SESSION_END_NOTICE[ended] : null}
        />
      </main>
    </>
  );
}

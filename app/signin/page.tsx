import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SiteHeader } from "@/components/site-header";
import { githubEnabled } from "@/lib/auth/options";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in · Handoff" };

/** Why this device was signed out, when it was. */
function noticeFor(expired: string | undefined, left: string | undefined): string | null {
  if (expired === "1")
    return "Your session ended, and this device forgot your data. Sign in again to continue.";
  if (left === "everywhere") return "You are signed out on every device.";
  if (left === "deleted") return "Your account and everything in it was deleted.";
  return null;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ expired?: string; left?: string }>;
}) {
  if (await currentUser()) redirect("/drafts");
  const { expired, left } = await searchParams;
  return (
    <>
      <SiteHeader />
      <main className="center">
        <SignInForm githubEnabled={githubEnabled} notice={noticeFor(expired, left)} />
      </main>
    </>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SiteHeader } from "@/components/site-header";
import { githubEnabled } from "@/lib/auth/options";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in · Handoff" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ expired?: string }>;
}) {
  if (await currentUser()) redirect("/drafts");
  const { expired } = await searchParams;
  return (
    <>
      <SiteHeader />
      <main className="center">
        <SignInForm githubEnabled={githubEnabled} expired={expired === "1"} />
      </main>
    </>
  );
}

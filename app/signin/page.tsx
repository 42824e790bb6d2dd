import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { SignInForm } from "@/components/auth/sign-in-form";
import { githubEnabled } from "@/lib/auth/options";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in · Handoff" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/drafts");
  return (
    <>
      <AppHeader email={null} />
      <main className="center">
        <SignInForm githubEnabled={githubEnabled} />
      </main>
    </>
  );
}

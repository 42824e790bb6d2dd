import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { SignedInShell } from "@/components/session/signed-in-shell";
import { currentUser } from "@/lib/auth/session";

/** Every page of the app proper: signed in, with the navigation bar and the shared tab sync. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return (
    <SignedInShell userId={user.id}>
      <AppHeader email={user.email} signedIn />
      <main className="full">{children}</main>
    </SignedInShell>
  );
}

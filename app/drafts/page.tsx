import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { DraftsWorkspace } from "@/components/drafts/drafts-workspace";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Drafts · Handoff" };

export default async function DraftsPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return (
    <>
      <AppHeader email={user.email} />
      <main className="full">
        <DraftsWorkspace userId={user.id} />
      </main>
    </>
  );
}

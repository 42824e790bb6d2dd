import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { OfflineNotice } from "@/components/offline/offline-notice";
import { BetaNotice } from "@/components/session/beta-notice";
import { GuestShell } from "@/components/session/guest-shell";
import { SignedInShell } from "@/components/session/signed-in-shell";
import { currentUser } from "@/lib/server/auth/session";
import { liveEnabled } from "@/lib/server/live";
import { readSettings } from "@/lib/server/settings/service";

/**
 * Every page of the app proper, with the navigation bar. A signed-in user's data lives in the
 * account; a guest's lives in this browser until they sign in.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) {
    return (
      <GuestShell>
        <AppHeader email={null} mode="guest" />
        <OfflineNotice />
        <BetaNotice />
        <main className="full">{children}</main>
      </GuestShell>
    );
  }
  const { keepNothing } = await readSettings(user.id);
  return (
    <SignedInShell
      userId={user.id}
      sessionHint={user.sessionHint}
      sessionEndsIn={user.sessionEndsIn}
      keepNothing={keepNothing}
      live={liveEnabled()}
    >
      <AppHeader email={user.email} mode="user" />
      <OfflineNotice />
      <main className="full">{children}</main>
    </SignedInShell>
  );
}

import type { SyncClient } from "@/lib/browser/sync/client";
import type { SessionEnd } from "@/lib/shared/auth/session-end";

/**
 * Signs this browser out, after `first` (ending every session, deleting the account): the
 * server revokes the session and next-auth clears the cookie; then every tab of this browser
 * forgets the user and lands on sign-in, saying why.
 */
export const signOutHere = (
  client: SyncClient,
  reason: SessionEnd = "signed_out",
  first: () => Promise<unknown> = async () => {},
) =>
  client.signOut(async () => {
    await first();
    // Loaded when needed: next-auth's client (with its Babel runtime) stays out of every page.
    const { signOut } = await import("next-auth/react");
    await signOut({ redirect: false });
  }, reason);

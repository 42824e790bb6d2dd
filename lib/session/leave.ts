import { signOut } from "next-auth/react";
import { clearHandoffStorage } from "@/lib/device/storage";
import { SYNCED_KINDS } from "@/lib/kinds";
import { expectSignOut } from "@/lib/sync/api-client";
import { forget } from "@/lib/sync/conditional-fetcher";
import { pendingEntries } from "@/lib/sync/outbox";
import { replayOutbox } from "@/lib/sync/replay-outbox";
import { postToTabs } from "@/lib/sync/tab-channel";
import { flushLiveDocs } from "@/lib/sync/use-doc-sync";

/** Sends every edit this browser still holds; resolves with how many could not be sent. */
export async function sendPendingEdits(userId: string): Promise<number> {
  await flushLiveDocs();
  await replayOutbox(userId, SYNCED_KINDS);
  return pendingEntries(userId).length;
}

/**
 * Forgets this user on this device: Handoff's keys in localStorage and sessionStorage (outbox,
 * per-tab state, guest leftovers), any IndexedDB database of ours, the poll cache, and then
 * memory itself, by loading `target` afresh (SWR's cache and every store go with the page).
 */
export async function forgetDevice(target: string) {
  forget();
  clearHandoffStorage();
  if (typeof indexedDB !== "undefined" && "databases" in indexedDB) {
    const databases = await indexedDB.databases();
    for (const { name } of databases)
      if (name?.startsWith("handoff")) indexedDB.deleteDatabase(name);
  }
  window.location.assign(target);
}

/**
 * Signs this browser out (next-auth clears the cookie and the server revokes the session), tells
 * this browser's other tabs, and forgets the user here, landing on `target`.
 */
export async function signOutHere(target = "/signin") {
  expectSignOut();
  postToTabs({ type: "signing-out" });
  await signOut({ redirect: false });
  postToTabs({ type: "signed-out", expired: false });
  await forgetDevice(target);
}

import { createContext, useContext } from "react";
import type { SyncClient } from "./client";

/** The page's one sync client, provided by the shell (components/session). */
export const SyncContext = createContext<SyncClient | null>(null);

export function useSyncClient(): SyncClient {
  const client = useContext(SyncContext);
  if (!client) throw new Error("useSyncClient() needs a <SignedInShell> or a <GuestShell>");
  return client;
}

/** Whether this page is a guest's (data in this browser) rather than a signed-in user's. */
export const useIsGuest = () => useSyncClient().scope.kind === "guest";

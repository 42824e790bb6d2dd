"use client";

import { createContext, type ReactNode, useContext } from "react";
import { syncTargetFor } from "@/lib/docs/registry";
import { useTabSync } from "@/lib/sync/use-tab-sync";

const UserIdContext = createContext<string | null>(null);

/** The signed-in user's id for client components; throws outside a signed-in page. */
export function useUserId(): string {
  const userId = useContext(UserIdContext);
  if (!userId) throw new Error("useUserId() needs a <SignedInShell>");
  return userId;
}

/** Wraps every signed-in page: the user id, and the tab sync every page shares. */
export function SignedInShell({ userId, children }: { userId: string; children: ReactNode }) {
  useTabSync(userId, syncTargetFor);
  return <UserIdContext.Provider value={userId}>{children}</UserIdContext.Provider>;
}

"use client";

import type { ReactNode } from "react";
import { setKeepNothing } from "@/lib/device/storage";
import { SYNCED_KINDS } from "@/lib/kinds";
import { useTabSync } from "@/lib/sync/use-tab-sync";
import { MergeGuestData } from "./merge-guest-data";
import { ModeContext } from "./mode";
import { useForgetOnLeave } from "./use-forget-on-leave";

interface Props {
  userId: string;
  keepNothing: boolean;
  children: ReactNode;
}

/** Wraps every signed-in page: the user, the tab sync every page shares, and leaving cleanly. */
export function SignedInShell({ userId, keepNothing, children }: Props) {
  // Before any child reads or writes storage (children render after this line).
  setKeepNothing(keepNothing);
  useTabSync(userId, SYNCED_KINDS);
  useForgetOnLeave(userId);
  return (
    <ModeContext.Provider value={{ kind: "user", userId, keepNothing }}>
      <MergeGuestData />
      {children}
    </ModeContext.Provider>
  );
}

"use client";

import { createContext, useContext } from "react";

/** Who is using this page: a signed-in user (data on the server) or a guest (data in the browser). */
export type Mode = { kind: "user"; userId: string; keepNothing: boolean } | { kind: "guest" };

export const ModeContext = createContext<Mode | null>(null);

export function useMode(): Mode {
  const mode = useContext(ModeContext);
  if (!mode) throw new Error("useMode() needs a <SignedInShell> or a <GuestShell>");
  return mode;
}

/** The signed-in user's id; only for components that render for signed-in users. */
export function useUserId(): string {
  const mode = useMode();
  if (mode.kind !== "user") throw new Error("useUserId() used on a guest page");
  return mode.userId;
}

"use client";

import { type ReactNode, useState } from "react";
import { SyncShell } from "@/components/sync/sync-shell";
import { deviceStorage } from "@/lib/browser/device/storage";
import { SyncClient } from "@/lib/browser/sync/client";
import { SYNCED_KINDS } from "@/lib/shared/kinds";
import { MergeGuestData } from "./merge-guest-data";

interface Props {
  userId: string;
  /** Signed by the server: which session this page belongs to (SESSION_HINT_HEADER). */
  sessionHint: string;
  keepNothing: boolean;
  /** The server's poke stream is on (HANDOFF_LIVE); off, the pulse alone keeps pages fresh. */
  live: boolean;
  children: ReactNode;
}

/** Wraps every signed-in page: the user's sync client (the API, kept in step across tabs). */
export function SignedInShell({ userId, sessionHint, keepNothing, live, children }: Props) {
  const [client] = useState(
    () =>
      new SyncClient({
        scope: { kind: "user", userId, sessionHint },
        kinds: SYNCED_KINDS,
        storage: deviceStorage(keepNothing),
        ...(live ? {} : { live: null }),
      }),
  );
  return (
    <SyncShell client={client}>
      <MergeGuestData />
      {children}
    </SyncShell>
  );
}

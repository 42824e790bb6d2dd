"use client";

import { type ReactNode, useState } from "react";
import { SyncShell } from "@/components/sync/sync-shell";
import { deviceStorage } from "@/lib/browser/device/storage";
import { SyncClient } from "@/lib/browser/sync/client";
import { SYNCED_KINDS, watchedKindOf } from "@/lib/shared/kinds";

/**
 * Wraps pages seen by a visitor who is not signed in: the same sync client and engine as an
 * account's, answered from this browser's storage (7 days after the last change), never sent.
 */
export function GuestShell({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new SyncClient({
        scope: { kind: "guest" },
        kinds: SYNCED_KINDS,
        watched: watchedKindOf,
        storage: deviceStorage(false),
      }),
  );
  return <SyncShell client={client}>{children}</SyncShell>;
}

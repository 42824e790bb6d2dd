"use client";

import { type ComponentType, lazy, type ReactNode, Suspense, useState } from "react";
import { SyncShell } from "@/components/sync/sync-shell";
import { deviceStorage } from "@/lib/browser/device/storage";
import { pageCopyAt } from "@/lib/browser/offline/page-cache";
import { SyncClient } from "@/lib/browser/sync/client";
import { SYNCED_KINDS, watchedKindOf } from "@/lib/shared/kinds";
import { MergeGuestData } from "./merge-guest-data";

/**
 * Every page carries it: loaded once the page runs, so no page's first load pays for it. If it
 * cannot load, the page goes on without it.
 */
const UndoBar = lazy<ComponentType>(() =>
  import("@/components/undo/undo-bar").then(
    (module) => ({ default: module.UndoBar }),
    () => ({ default: () => null }),
  ),
);

interface Props {
  userId: string;
  /** Signed by the server: which session this page belongs to (SESSION_HINT_HEADER). */
  sessionHint: string;
  /** How long the session had left when the server made the page (ms), if it ends. */
  sessionEndsIn: number | null;
  keepNothing: boolean;
  /** The server's poke stream is on (HANDOFF_LIVE); off, the pulse alone keeps pages fresh. */
  live: boolean;
  children: ReactNode;
}

/**
 * When the session ends by this device's clock: counted from the page's arrival, so a clock
 * that is off does not matter. A page the service worker kept (opened offline) was made long
 * ago: its end is the one recorded with the kept pages (lib/browser/offline/page-cache.ts).
 */
function sessionEnd(endsIn: number | null) {
  if (endsIn === null || typeof document === "undefined" || pageCopyAt() !== null) return undefined;
  return Date.now() + endsIn;
}

/** Wraps every signed-in page: the user's sync client (the API, kept in step across tabs). */
export function SignedInShell({
  userId,
  sessionHint,
  sessionEndsIn,
  keepNothing,
  live,
  children,
}: Props) {
  const [client] = useState(
    () =>
      new SyncClient({
        scope: { kind: "user", userId, sessionHint, endsAt: sessionEnd(sessionEndsIn) },
        kinds: SYNCED_KINDS,
        watched: watchedKindOf,
        storage: deviceStorage(keepNothing),
        ...(live ? {} : { live: null }),
      }),
  );
  return (
    <SyncShell client={client}>
      <MergeGuestData />
      <Suspense fallback={null}>
        <UndoBar />
      </Suspense>
      {children}
    </SyncShell>
  );
}

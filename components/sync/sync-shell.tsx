"use client";

import { type ReactNode, useEffect, useMemo, useState } from "react";
import { SWRConfig } from "swr";
import { createWorkspaceStore, WorkspaceContext } from "@/lib/browser/device/workspace-store";
import { keepPagesFor } from "@/lib/browser/offline/page-cache";
import type { SyncClient } from "@/lib/browser/sync/client";
import { SyncContext } from "@/lib/browser/sync/context";

/**
 * Hands the page's one sync client (and this tab's scratch state, kept where the client keeps
 * things) to every component below, and runs the client while the page is open.
 */
export function SyncShell({ client, children }: { client: SyncClient; children: ReactNode }) {
  const [workspace] = useState(() => createWorkspaceStore(client.storage.session));
  const swr = useMemo(() => ({ provider: () => client.swr.cache }), [client]);
  useEffect(() => client.start(), [client]);
  useEffect(() => {
    // The service worker serves built files; in development they change under it.
    if (process.env.NODE_ENV !== "production") return;
    const { scope } = client;
    let stopExpiry: (() => void) | undefined;
    let stopped = false;
    void keepPagesFor(
      client.storage.keepsNothing ? null : client.id,
      scope.kind === "user" ? scope.endsAt : undefined,
    ).then((until) => {
      // Opened offline from the kept pages, the page learns its session's end from them.
      if (!stopped && until && scope.kind === "user" && !scope.endsAt)
        stopExpiry = client.endSessionAt(until);
    });
    return () => {
      stopped = true;
      stopExpiry?.();
    };
  }, [client]);
  useEffect(() => {
    void workspace.persist.rehydrate();
  }, [workspace]);
  return (
    <SyncContext.Provider value={client}>
      <SWRConfig value={swr}>
        <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>
      </SWRConfig>
    </SyncContext.Provider>
  );
}

import { useEffect, useState, useSyncExternalStore } from "react";
import { docKey, type SyncedKind } from "@/lib/shared/sync/kind";
import type { Versioned } from "@/lib/shared/sync/types";
import { useSyncClient } from "./context";
import type { DocSync } from "./doc-sync";

/**
 * One DocSync per open document of a kind, from the page's sync client. `remote` is the latest
 * version the page fetched (undefined while loading); `gone` says it was found deleted. While
 * open, the client holds the document for this editor (see SyncClient.attachDoc).
 */
export function useDocSync<T extends Record<string, unknown>, View>(
  kind: SyncedKind<T, View>,
  id: string,
  remote: Versioned<T> | undefined,
  gone: boolean,
) {
  const client = useSyncClient();
  const key = docKey(kind, id);
  const [engine, setEngine] = useState<{ key: string; sync: DocSync<T> } | null>(null);

  // Created on the first version seen for this document; replaced when the document changes.
  useEffect(() => {
    if (!remote || engine?.key === key) return;
    setEngine({ key, sync: client.openDoc(kind, id, remote) });
  }, [client, key, kind, id, remote, engine]);

  const sync = engine?.key === key ? engine.sync : null;

  useEffect(() => {
    if (sync && remote) sync.receive(remote);
  }, [sync, remote]);

  useEffect(() => {
    if (sync && gone) sync.markGone();
  }, [sync, gone]);

  useEffect(() => (sync ? client.attachDoc(kind, id, sync) : undefined), [client, kind, id, sync]);

  const snapshot = useSyncExternalStore(
    sync?.subscribe ?? noopSubscribe,
    sync?.getSnapshot ?? nullSnapshot,
    nullSnapshot,
  );
  return { sync, snapshot };
}

const noopSubscribe = () => () => {};
const nullSnapshot = () => null;

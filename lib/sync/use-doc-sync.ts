import { useEffect, useState, useSyncExternalStore } from "react";
import { holdDocLock } from "./doc-locks";
import { DocSync, type DocTransport, type Versioned } from "./doc-sync";
import type { RecordMerge } from "./merge";
import { outboxFor } from "./outbox";
import { onTabMessage, postToTabs } from "./tab-channel";

/** Every engine alive in this tab, so signing out can send what they hold first. */
const live = new Set<DocSync<Record<string, unknown>>>();

export async function flushLiveDocs() {
  await Promise.all([...live].map((sync) => sync.flush()));
}

export interface DocSyncOptions<T> {
  /** The signed-in user: scopes the outbox and the document lock. */
  userId: string;
  /** Stable (useCallback): a new function makes no new engine, but keeps effects honest. */
  makeTransport: () => DocTransport<T>;
  merge?: (base: T, mine: T, theirs: T) => RecordMerge<T>;
  debounceMs?: number;
}

/**
 * One DocSync per open document, keyed by the document's URL. `remote` is the latest version
 * a poll returned (undefined while loading); `gone` says the poll found it deleted. The engine
 * saves through the outbox, tells this browser's other tabs what it does, and holds the
 * document's lock so the outbox replay leaves its edits alone.
 */
export function useDocSync<T extends Record<string, unknown>>(
  key: string,
  remote: Versioned<T> | undefined,
  gone: boolean,
  { userId, makeTransport, merge, debounceMs }: DocSyncOptions<T>,
) {
  const [engine, setEngine] = useState<{ key: string; sync: DocSync<T> } | null>(null);

  // Created on the first version seen for this key; replaced when the key changes.
  useEffect(() => {
    if (!remote || engine?.key === key) return;
    const sync = new DocSync({
      initial: remote,
      transport: makeTransport(),
      outbox: outboxFor<T>(userId, key),
      merge,
      debounceMs,
      peers: {
        edited: (base, local) => postToTabs({ type: "edit", key, base, local }),
        saved: (stored) => postToTabs({ type: "saved", key, stored }),
      },
    });
    setEngine({ key, sync });
  }, [key, remote, engine, makeTransport, userId, merge, debounceMs]);

  const sync = engine?.key === key ? engine.sync : null;

  useEffect(() => {
    if (sync && remote) sync.receive(remote);
  }, [sync, remote]);

  useEffect(() => {
    if (sync && gone) sync.markGone();
  }, [sync, gone]);

  useEffect(() => {
    if (!sync) return;
    return onTabMessage((message) => {
      if (message.type === "edit" && message.key === key) {
        sync.adoptPeerEdit(message.base as Versioned<T>, message.local as T);
      } else if (message.type === "saved" && message.key === key) {
        sync.adoptPeerSave(message.stored as Versioned<T>);
      }
    });
  }, [sync, key]);

  // Save what is typed when the editor closes or the tab is hidden or closed.
  useEffect(() => {
    if (!sync) return;
    const releaseLock = holdDocLock(userId, key);
    const entry = sync as unknown as DocSync<Record<string, unknown>>;
    live.add(entry);
    const onHide = () => void sync.flush({ keepalive: true });
    const onOnline = () => sync.retryNow();
    window.addEventListener("pagehide", onHide);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onHide);
      live.delete(entry);
      void sync.flush({ keepalive: true }).finally(() => {
        sync.dispose();
        releaseLock();
      });
    };
  }, [sync, key, userId]);

  const snapshot = useSyncExternalStore(
    sync?.subscribe ?? noopSubscribe,
    sync?.getSnapshot ?? nullSnapshot,
    nullSnapshot,
  );
  return { sync, snapshot };
}

const noopSubscribe = () => () => {};
const nullSnapshot = () => null;

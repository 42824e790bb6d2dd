import { useEffect, useState, useSyncExternalStore } from "react";
import { holdDocLock } from "./doc-locks";
import { DocSync } from "./doc-sync";
import type { SyncedKind } from "./kind";
import { docKey, outboxFor } from "./outbox";
import { onTabMessage, postToTabs } from "./tab-channel";
import { kindTransport } from "./transport";
import type { Versioned } from "./types";

/** What every engine alive in this tab holds, so signing out can send it first. */
const live = new Set<() => Promise<void>>();

export async function flushLiveDocs() {
  await Promise.all([...live].map((flush) => flush()));
}

/**
 * One DocSync per open document of a kind. `remote` is the latest version a poll returned
 * (undefined while loading); `gone` says the poll found it deleted. The engine saves through
 * the outbox, tells this browser's other tabs what it does, and holds the document's lock so
 * the outbox replay leaves its edits alone.
 */
export function useDocSync<T extends Record<string, unknown>, View>(
  kind: SyncedKind<T, View>,
  id: string,
  userId: string,
  remote: Versioned<T> | undefined,
  gone: boolean,
) {
  const key = docKey(kind, id);
  const [engine, setEngine] = useState<{ key: string; sync: DocSync<T> } | null>(null);

  // Created on the first version seen for this document; replaced when the document changes.
  useEffect(() => {
    if (!remote || engine?.key === key) return;
    const sync = new DocSync({
      initial: remote,
      transport: kindTransport(kind, id),
      outbox: outboxFor(userId, kind, id),
      merge: kind.merge?.bind(kind),
      debounceMs: kind.debounceMs,
      peers: {
        edited: (base, local) => postToTabs({ type: "edit", key, base, local }),
        saved: (stored) => postToTabs({ type: "saved", key, stored }),
      },
    });
    setEngine({ key, sync });
  }, [key, kind, id, remote, engine, userId]);

  const sync = engine?.key === key ? engine.sync : null;

  useEffect(() => {
    if (sync && remote) sync.receive(remote);
  }, [sync, remote]);

  useEffect(() => {
    if (sync && gone) sync.markGone();
  }, [sync, gone]);

  // Another tab's edit of this document: checked against the kind's schema, like anything from
  // outside, and adopted in the order the messages came (the schema loads once, on the first).
  useEffect(() => {
    if (!sync) return;
    let open = true;
    let queue = Promise.resolve();
    const stop = onTabMessage((message) => {
      if ((message.type !== "edit" && message.type !== "saved") || message.key !== key) return;
      queue = queue.then(async () => {
        // Not loadable (offline): that tab saves its edit itself, this one sees it at a poll.
        const schema = await kind.schema().catch(() => null);
        if (!schema || !open) return;
        const versioned = ({ version, data }: Versioned<unknown>): Versioned<T> | null => {
          const parsed = schema.safeParse(data);
          return typeof version === "number" && parsed.success
            ? { version, data: parsed.data }
            : null;
        };
        if (message.type === "saved") {
          const stored = versioned(message.stored);
          if (stored) sync.adoptPeerSave(stored);
          return;
        }
        const base = versioned(message.base);
        const local = schema.safeParse(message.local);
        if (base && local.success) sync.adoptPeerEdit(base, local.data);
      });
    });
    return () => {
      open = false;
      stop();
    };
  }, [sync, key, kind]);

  // Save what is typed when the editor closes or the tab is hidden or closed.
  useEffect(() => {
    if (!sync) return;
    const releaseLock = holdDocLock(userId, key);
    const flush = () => sync.flush();
    live.add(flush);
    const onHide = () => void sync.flush({ keepalive: true });
    const onOnline = () => sync.retryNow();
    window.addEventListener("pagehide", onHide);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onHide);
      live.delete(flush);
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

import { useEffect, useState, useSyncExternalStore } from "react";
import { DocSync, type DocTransport, type Versioned } from "./doc-sync";
import type { Outbox } from "./outbox";
import { onTabMessage, postToTabs } from "./tab-channel";

/**
 * One DocSync per open document. `remote` is the latest version a poll returned (undefined
 * while loading); `gone` says the poll found the document deleted.
 */
export function useDocSync<T extends Record<string, unknown>>(
  key: string,
  remote: Versioned<T> | undefined,
  gone: boolean,
  makeTransport: () => DocTransport<T>,
  makeOutbox?: () => Outbox<T>,
) {
  const [engine, setEngine] = useState<{ key: string; sync: DocSync<T> } | null>(null);

  // Created on the first version seen for this key; replaced when the key changes.
  useEffect(() => {
    if (!remote || engine?.key === key) return;
    const peers = {
      edited: (base: Versioned<T>, local: T) => postToTabs({ type: "edit", key, base, local }),
      saved: (stored: Versioned<T>) => postToTabs({ type: "saved", key, stored }),
    };
    setEngine({
      key,
      sync: new DocSync({
        initial: remote,
        transport: makeTransport(),
        outbox: makeOutbox?.(),
        peers,
      }),
    });
  }, [key, remote, engine, makeTransport, makeOutbox]);

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
    const onHide = () => void sync.flush({ keepalive: true });
    const onOnline = () => sync.retryNow();
    window.addEventListener("pagehide", onHide);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onHide);
      void sync.flush({ keepalive: true }).finally(() => sync.dispose());
    };
  }, [sync]);

  const snapshot = useSyncExternalStore(
    sync?.subscribe ?? noopSubscribe,
    sync?.getSnapshot ?? nullSnapshot,
    nullSnapshot,
  );
  return { sync, snapshot };
}

const noopSubscribe = () => () => {};
const nullSnapshot = () => null;

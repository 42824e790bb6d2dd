import type { UseStore } from "idb-keyval";
import { answerCopyName, COPY_SEAL_KEY } from "@/lib/shared/offline";

/** One answer of the API as this device last saw it. */
export interface CopiedAnswer {
  etag: string;
  body: unknown;
  /** When the device got it from the server (ms since the epoch). */
  at: number;
}

export interface AnswerCopy {
  get(url: string): Promise<CopiedAnswer | undefined>;
  put(url: string, answer: CopiedAnswer): Promise<void>;
  remove(url: string): Promise<void>;
  /**
   * No more reads or writes from this page: the database is being deleted, and a write
   * still to come would make it again. Resolves once the writes already under way are done,
   * so a deletion after it finds everything they made.
   */
  forget(): Promise<void>;
}

/** As stored: the body sealed (AES-GCM), the rest (a version, a time) in the clear. */
interface SealedAnswer {
  etag: string;
  at: number;
  iv: Uint8Array<ArrayBuffer>;
  sealed: ArrayBuffer;
}

type Idb = typeof import("idb-keyval");

/**
 * What a signed-in device last fetched of the API, per URL, in IndexedDB: shown when the
 * network cannot answer (offline, or a server being deployed) and replaced by every fresh
 * answer. One database per user; leaving deletes it with every other "handoff" database.
 *
 * Bodies are sealed with a key made on this device for this copy (AES-GCM, 256 bits, not
 * extractable: scripts can use it, none can export it), kept beside them: what a user wrote is
 * not in the browser's files or a storage inspector in the clear. It keeps honest people
 * honest, no more: the browser stores the key's bytes in the same files, so whoever copies
 * the profile has both. Without Web Crypto (not HTTPS, not localhost) nothing is copied.
 */
export function indexedAnswerCopy(userId: string): AnswerCopy | null {
  if (typeof indexedDB === "undefined" || typeof crypto === "undefined" || !crypto.subtle)
    return null;
  // Loaded on first use, after the page is up: it is not part of any page's first load.
  let opened: Promise<[Idb, UseStore, CryptoKey]> | undefined;
  let forgotten = false;
  const open = () => {
    opened ??= import("idb-keyval").then(
      async (idb): Promise<[Idb, UseStore, CryptoKey]> => {
        if (forgotten) throw new Error("The copy was forgotten");
        const store = idb.createStore(answerCopyName(userId), "answers");
        return [idb, store, await sealKey(idb, store)];
      },
      (error) => {
        opened = undefined; // a chunk that failed to load is tried again next time
        throw error;
      },
    );
    return opened;
  };
  // A broken or full IndexedDB only costs the offline copy, never the page.
  /** Work started and not yet done: forgetting waits for it. */
  const underWay = new Set<Promise<unknown>>();
  const quietly = async <T>(
    work: (idb: Idb, store: UseStore, key: CryptoKey) => Promise<T>,
    fallback: T,
  ) => {
    if (forgotten) return fallback;
    const run = (async () => {
      try {
        const [idb, store, key] = await open();
        // Forgotten while the database opened: nothing more of this page goes in.
        if (forgotten) return fallback;
        return await work(idb, store, key);
      } catch {
        return fallback;
      }
    })();
    underWay.add(run);
    try {
      return await run;
    } finally {
      underWay.delete(run);
    }
  };
  return {
    get: (url) =>
      quietly(async (idb, db, key) => {
        const stored = await idb.get<SealedAnswer>(url, db);
        if (!stored) return undefined;
        // Kept in the clear by an earlier version: not to be shown, nor kept.
        if (!stored.sealed) return void (await idb.del(url, db));
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: stored.iv },
          key,
          stored.sealed,
        );
        const body: unknown = JSON.parse(new TextDecoder().decode(plain));
        return { etag: stored.etag, at: stored.at, body };
      }, undefined),
    put: (url, { etag, at, body }) =>
      quietly(async (idb, db, key) => {
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const plain = new TextEncoder().encode(JSON.stringify(body));
        const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plain);
        if (forgotten) return;
        await idb.set(url, { etag, at, iv, sealed } satisfies SealedAnswer, db);
      }, undefined),
    remove: (url) => quietly((idb, db) => idb.del(url, db), undefined),
    forget: async () => {
      forgotten = true;
      await Promise.allSettled([...underWay]);
    },
  };
}

/**
 * The copy's key, made by the first tab that needs it. Two tabs may make one at once: the
 * first stored wins (one transaction), and both use that one.
 */
async function sealKey(idb: Idb, store: UseStore): Promise<CryptoKey> {
  const kept = await idb.get<CryptoKey>(COPY_SEAL_KEY, store);
  if (kept) return kept;
  const made = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
  await idb.update<CryptoKey>(COPY_SEAL_KEY, (earlier) => earlier ?? made, store);
  return (await idb.get<CryptoKey>(COPY_SEAL_KEY, store)) ?? made;
}

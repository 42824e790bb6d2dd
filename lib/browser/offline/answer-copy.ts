import type { UseStore } from "idb-keyval";
import { answerCopyName } from "@/lib/shared/offline";

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
}

/**
 * What a signed-in device last fetched of the API, per URL, in IndexedDB: shown when the
 * network cannot answer (offline, or a server being deployed) and replaced by every fresh
 * answer. One database per user; leaving deletes it with every other "handoff" database.
 */
export function indexedAnswerCopy(userId: string): AnswerCopy | null {
  if (typeof indexedDB === "undefined") return null;
  // Loaded on first use, after the page is up: it is not part of any page's first load.
  let opened: Promise<[typeof import("idb-keyval"), UseStore]> | undefined;
  const open = () => {
    opened ??= import("idb-keyval").then(
      (idb): [typeof import("idb-keyval"), UseStore] => [
        idb,
        idb.createStore(answerCopyName(userId), "answers"),
      ],
      (error) => {
        opened = undefined; // a chunk that failed to load is tried again next time
        throw error;
      },
    );
    return opened;
  };
  // A broken or full IndexedDB only costs the offline copy, never the page.
  const quietly = async <T>(
    work: (idb: typeof import("idb-keyval"), store: UseStore) => Promise<T>,
    fallback: T,
  ) => {
    try {
      const [idb, store] = await open();
      return await work(idb, store);
    } catch {
      return fallback;
    }
  };
  return {
    get: (url) => quietly((idb, db) => idb.get<CopiedAnswer>(url, db), undefined),
    put: (url, answer) => quietly((idb, db) => idb.set(url, answer, db), undefined),
    remove: (url) => quietly((idb, db) => idb.del(url, db), undefined),
  };
}

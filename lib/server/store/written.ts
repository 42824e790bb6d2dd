import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { DocKind } from "./types";

/** What one request's commits made: their markers, and the kinds of document they wrote. */
export interface Commits {
  markers: number[];
  kinds: Set<DocKind>;
}

const committed = new AsyncLocalStorage<Commits>();

/**
 * Runs one request's work and returns, with its result, what its commits made, so the answer
 * can tell the device which changes are its own (the Handoff-Markers header): the poke that
 * follows its own save then costs it nothing. The kinds (Handoff-Kinds) tell it which other
 * lists its write changed too (the undo offer of a cart line it removed).
 */
export async function withCommits<T>(work: () => Promise<T>): Promise<[T, Commits]> {
  const commits: Commits = { markers: [], kinds: new Set() };
  const result = await committed.run(commits, work);
  return [result, commits];
}

type CommitListener = (userId: string, marker: number) => void;
const listeners = new Set<CommitListener>();

/**
 * Hears of every commit this process makes: the live hub pokes its own streams of that user at
 * once instead of at its next look of the feed (which still tells the other instances).
 */
export function onCommitted(listener: CommitListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the store adapters once a commit of `kinds` has bumped `userId`'s marker to `marker`. */
export function noteCommitted(userId: string, marker: number, kinds: readonly DocKind[]) {
  const commits = committed.getStore();
  commits?.markers.push(marker);
  for (const kind of kinds) commits?.kinds.add(kind);
  // SQLite calls this inside its transaction: listeners run once it has committed.
  if (listeners.size)
    queueMicrotask(() => {
      for (const listener of listeners) listener(userId, marker);
    });
}

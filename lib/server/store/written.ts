import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

const committed = new AsyncLocalStorage<number[]>();

/**
 * Runs one request's work and returns, with its result, the markers its commits made, so the
 * answer can tell the device which changes are its own (the Handoff-Marker header): the poke
 * that follows its own save then costs it nothing.
 */
export async function withCommits<T>(work: () => Promise<T>): Promise<[T, number[]]> {
  const markers: number[] = [];
  const result = await committed.run(markers, work);
  return [result, markers];
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

/** Called by the store adapters once a commit has bumped `userId`'s marker to `marker`. */
export function noteCommitted(userId: string, marker: number) {
  committed.getStore()?.push(marker);
  // SQLite calls this inside its transaction: listeners run once it has committed.
  if (listeners.size)
    queueMicrotask(() => {
      for (const listener of listeners) listener(userId, marker);
    });
}

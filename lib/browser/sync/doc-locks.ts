/**
 * Web Locks that keep one edit from being sent twice, pick the one tab that replays the outbox,
 * and let a guest's tabs change their shared storage one at a time. Every live editor holds a
 * lock named after itself; the replay takes an entry's owner lock, and only when nobody holds
 * it, so it never resends an edit that a live editor (in any tab) still owns. Without Web Locks
 * (tests, old browsers) every call just proceeds.
 */
export type Locks = Pick<LockManager, "request"> | null;

export const browserLocks = (): Locks =>
  typeof navigator !== "undefined" && navigator.locks ? navigator.locks : null;

/** Holds the lock until the returned function is called. */
export function holdLock(locks: Locks, name: string): () => void {
  if (!locks) return () => {};
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  locks.request(name, () => held).catch(() => {});
  return release;
}

/** Runs `work` under the exclusive lock if it is free right now; resolves false otherwise. */
export async function withFreeLock(
  locks: Locks,
  name: string,
  work: () => Promise<void>,
): Promise<boolean> {
  if (!locks) {
    await work();
    return true;
  }
  return locks.request(name, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await work();
    return true;
  });
}

/** Runs `work` under the exclusive lock, waiting for it. */
export async function withLock<R>(locks: Locks, name: string, work: () => Promise<R>): Promise<R> {
  if (!locks) return work();
  return locks.request(name, work) as Promise<R>;
}

/**
 * Waits for the exclusive lock and keeps it until the returned function is called: the tab
 * that holds it is the one that replays the outbox; when it closes, another takes over.
 */
export function holdWhenFree(locks: Locks, name: string, onHeld: () => void): () => void {
  if (!locks) {
    onHeld();
    return () => {};
  }
  const abort = new AbortController();
  locks
    .request(name, { signal: abort.signal }, () => {
      onHeld();
      return new Promise<void>((resolve) =>
        abort.signal.addEventListener("abort", () => resolve()),
      );
    })
    .catch(() => {}); // aborted while waiting: this tab closed
  return () => abort.abort();
}

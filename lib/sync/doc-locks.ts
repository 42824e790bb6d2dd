/**
 * Web Locks that keep one edit from being sent twice. Every live editor of a document holds
 * its lock in shared mode; the outbox replay takes it exclusively, and only when nobody holds
 * it, so it never resends an edit that a live editor (in any tab) still owns.
 */
const lockName = (userId: string, key: string) => `handoff:doc:${userId}:${key}`;

const locks = () => (typeof navigator !== "undefined" ? navigator.locks : undefined);

/** Holds the shared lock until the returned function is called. */
export function holdDocLock(userId: string, key: string): () => void {
  const manager = locks();
  if (!manager) return () => {};
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  manager.request(lockName(userId, key), { mode: "shared" }, () => held).catch(() => {});
  return release;
}

/** Runs `work` under the exclusive lock if it is free right now; resolves false otherwise. */
export async function withFreeDocLock(
  userId: string,
  key: string,
  work: () => Promise<void>,
): Promise<boolean> {
  const manager = locks();
  if (!manager) {
    await work();
    return true;
  }
  return manager.request(lockName(userId, key), { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await work();
    return true;
  });
}

/** The synchronous subset of Web Storage that zustand's persist middleware needs. */
export interface SyncStorage {
  getItem(name: string): string | null;
  setItem(name: string, value: string): void;
  removeItem(name: string): void;
}

/**
 * Web Storage that forgets: every value is kept with its expiry, which is checked on every
 * read (an expired value is removed and reads as absent) and pushed back on every write.
 */
export function expiringStorage(
  storage: () => Storage,
  ttlMs: number,
  now: () => number = Date.now,
): SyncStorage {
  return {
    getItem(name) {
      const raw = storage().getItem(name);
      if (raw === null) return null;
      try {
        const { value, expiresAt } = JSON.parse(raw) as { value: string; expiresAt: number };
        if (typeof value === "string" && typeof expiresAt === "number" && expiresAt > now())
          return value;
      } catch {
        // unreadable: treat like expired
      }
      storage().removeItem(name);
      return null;
    },
    setItem(name, value) {
      storage().setItem(name, JSON.stringify({ value, expiresAt: now() + ttlMs }));
    },
    removeItem(name) {
      storage().removeItem(name);
    },
  };
}

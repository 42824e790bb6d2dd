import { localStore } from "@/lib/ui/device-storage";
import type { Versioned } from "./doc-sync";

/**
 * Unsent edits, kept in localStorage so they survive a reload, a closed tab or a crashed
 * server. One entry per document: the version the edit started from and the text on screen.
 * Keys are scoped by user, so one user never replays another's edits on a shared computer.
 */
export interface OutboxEntry<T = Record<string, unknown>> {
  key: string;
  base: Versioned<T>;
  local: T;
  /** First unsent edit, for replaying the oldest first. */
  since: number;
}

const storageKey = (userId: string) => `handoff:outbox:${userId}`;

function readAll(userId: string): Record<string, OutboxEntry> {
  try {
    return JSON.parse(localStore().getItem(storageKey(userId)) ?? "{}") as Record<
      string,
      OutboxEntry
    >;
  } catch {
    return {};
  }
}

function writeAll(userId: string, entries: Record<string, OutboxEntry>) {
  if (Object.keys(entries).length === 0) localStore().removeItem(storageKey(userId));
  else localStore().setItem(storageKey(userId), JSON.stringify(entries));
}

export interface Outbox<T> {
  load(): OutboxEntry<T> | null;
  put(base: Versioned<T>, local: T): void;
  clear(): void;
}

/** The outbox slot of one document. */
export function outboxFor<T extends Record<string, unknown>>(
  userId: string,
  key: string,
): Outbox<T> {
  return {
    load: () => (readAll(userId)[key] as OutboxEntry<T> | undefined) ?? null,
    put(base, local) {
      const entries = readAll(userId);
      entries[key] = { key, base, local, since: entries[key]?.since ?? Date.now() } as OutboxEntry;
      writeAll(userId, entries);
    },
    clear() {
      const entries = readAll(userId);
      if (!(key in entries)) return;
      delete entries[key];
      writeAll(userId, entries);
    },
  };
}

/** Every pending entry of the user, oldest first. */
export function pendingEntries(userId: string): OutboxEntry[] {
  return Object.values(readAll(userId)).sort((a, b) => a.since - b.since);
}

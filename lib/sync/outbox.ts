import type { z } from "zod";
import { localStore } from "@/lib/device/storage";
import type { SyncedKind } from "./kind";
import type { Versioned } from "./types";

/**
 * Unsent edits, kept in localStorage so they survive a reload, a closed tab or a crashed
 * server. One entry per document: the version the edit started from and the text on screen.
 * Keys are scoped by user, so one user never replays another's edits on a shared computer.
 */
export interface PendingEdit<T> {
  base: Versioned<T>;
  local: T;
}

/** As stored: which document, and when its first unsent edit was made (oldest replays first). */
export interface OutboxEntry extends PendingEdit<unknown> {
  /** The kind's `name` ("application"), not the store's document kind ("form"). */
  kind: string;
  id: string;
  since: number;
}

export interface Outbox<T> {
  load(): PendingEdit<T> | null;
  put(base: Versioned<T>, local: T): void;
  clear(): void;
}

/** One document's name in the outbox, the document locks and tab messages. */
export const docKey = (kind: Pick<SyncedKind, "name">, id: string) => `${kind.name}:${id}`;

const storageKey = (userId: string) => `handoff:outbox:${userId}`;

function readAll(userId: string): Record<string, OutboxEntry> {
  try {
    const parsed: unknown = JSON.parse(localStore().getItem(storageKey(userId)) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, OutboxEntry>) : {};
  } catch {
    return {};
  }
}

function writeAll(userId: string, entries: Record<string, OutboxEntry>) {
  if (Object.keys(entries).length === 0) localStore().removeItem(storageKey(userId));
  else localStore().setItem(storageKey(userId), JSON.stringify(entries));
}

/**
 * The outbox slot of one document. Loading (only the replay does) needs the kind's schema:
 * the storage is the user's to edit, and a stored edit may predate a change of the schema, so
 * an entry that does not fit is not sent. Live editors only put and clear.
 */
export function outboxFor<T>(
  userId: string,
  kind: SyncedKind<T>,
  id: string,
  schema?: z.ZodType<T>,
): Outbox<T> {
  const key = docKey(kind, id);
  return {
    load() {
      const entry = readAll(userId)[key];
      if (!schema || !entry?.base || typeof entry.base.version !== "number") return null;
      const base = schema.safeParse(entry.base.data);
      const local = schema.safeParse(entry.local);
      if (!base.success || !local.success) return null;
      return { base: { version: entry.base.version, data: base.data }, local: local.data };
    },
    put(base, local) {
      const entries = readAll(userId);
      const since = entries[key]?.since ?? Date.now();
      entries[key] = { kind: kind.name, id, base, local, since };
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

/**
 * Entries an earlier version of the app left, keyed by their URL (`{ key: "/api/cart" }`),
 * get the kind's name and the id that URL stands for, so they are sent like any other.
 */
export function upgradeLegacyEntries(userId: string, kinds: readonly SyncedKind[]) {
  const entries = readAll(userId);
  let changed = false;
  for (const [key, entry] of Object.entries(entries)) {
    const url = (entry as { key?: unknown }).key;
    if (entry.kind || typeof url !== "string") continue;
    for (const kind of kinds) {
      const id = idInUrl(kind, url);
      if (id === null) continue;
      delete entries[key];
      entries[docKey(kind, id)] = {
        kind: kind.name,
        id,
        base: entry.base,
        local: entry.local,
        since: entry.since,
      };
      changed = true;
      break;
    }
  }
  if (changed) writeAll(userId, entries);
}

/** The id `url` names in this kind's URLs ("" for one per user), or null if it is not one. */
function idInUrl(kind: SyncedKind, url: string): string | null {
  const [prefix = "", suffix] = kind.url("\u0000").split("\u0000");
  if (suffix === undefined) return url === prefix ? "" : null;
  if (!url.startsWith(prefix) || !url.endsWith(suffix)) return null;
  const id = url.slice(prefix.length, url.length - suffix.length);
  return id && !id.includes("/") ? id : null;
}

/** Every pending entry of the user, oldest first. */
export function pendingEntries(userId: string): OutboxEntry[] {
  return Object.values(readAll(userId)).sort((a, b) => a.since - b.since);
}

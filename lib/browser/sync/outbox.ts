import type { z } from "zod";
import { docKey, idInUrl, type SyncedKind } from "@/lib/shared/sync/kind";
import { isSaveIntent, type SaveIntent, type Versioned } from "@/lib/shared/sync/types";

/**
 * Unsent edits, kept in Web Storage so they survive a reload, a closed tab or a crashed
 * server. One entry per document and editor: the version the edit started from and the text
 * on screen. An editor never overwrites another's entry (a page reopened offline after a crash
 * keeps the crashed page's edit beside its own), and each is merged on its own when sent.
 * Each client has its own key (`handoff:outbox:<userId>`, or `…:guest`), so one user never
 * replays another's edits on a shared computer.
 */
export interface PendingEdit<T> {
  base: Versioned<T>;
  local: T;
  /** Why it goes (a merge, a restore), so a replay tells the server as the editor would. */
  intent?: SaveIntent;
}

/** As stored: which document, and when its first unsent edit was made (oldest replays first). */
export interface OutboxEntry extends PendingEdit<unknown> {
  /** The kind's `name` ("application"), not the store's document kind ("form"). */
  kind: string;
  id: string;
  since: number;
  /**
   * The engine that wrote it: while that engine lives (it holds a Web Lock of this name, see
   * SyncClient), the entry is its own to send; after (a closed tab, a crash), the replay's.
   */
  owner?: string;
}

/** One document's slot, as the sync engine uses it. */
export interface Outbox<T> {
  load(): PendingEdit<T> | null;
  put(base: Versioned<T>, local: T, intent?: SaveIntent | null): void;
  clear(): void;
}

/** The synchronous part of Web Storage the outbox needs (an expiring storage fits too). */
export type OutboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export class OutboxStore {
  constructor(
    private readonly storage: OutboxStorage,
    readonly key: string,
    private readonly now: () => number = Date.now,
  ) {}

  private readAll(): Record<string, OutboxEntry> {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? "{}");
      return parsed && typeof parsed === "object" ? (parsed as Record<string, OutboxEntry>) : {};
    } catch {
      return {};
    }
  }

  private writeAll(entries: Record<string, OutboxEntry>) {
    if (Object.keys(entries).length === 0) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, JSON.stringify(entries));
  }

  /**
   * The slot of one document, as `owner` writes it. Loading (only the replay does) needs the
   * kind's schema: the storage is the user's to edit, and a stored edit may predate a change of
   * the schema, so an entry that does not fit is not sent. Live editors only put and clear.
   */
  slot<T>(kind: SyncedKind<T>, id: string, owner: string, schema?: z.ZodType<T>): Outbox<T> {
    // Entries of earlier versions have no owner, and are keyed by their document alone.
    const key = owner ? `${docKey(kind, id)}@${owner}` : docKey(kind, id);
    return {
      load: () => {
        const entry = this.readAll()[key];
        if (!schema || !entry?.base || typeof entry.base.version !== "number") return null;
        const base = schema.safeParse(entry.base.data);
        const local = schema.safeParse(entry.local);
        if (!base.success || !local.success) return null;
        const intent = isSaveIntent(entry.intent ?? null) ? entry.intent : undefined;
        return {
          base: { version: entry.base.version, data: base.data },
          local: local.data,
          ...(intent ? { intent } : {}),
        };
      },
      put: (base, local, intent) => {
        const entries = this.readAll();
        const since = entries[key]?.since ?? this.now();
        entries[key] = {
          kind: kind.name,
          id,
          base,
          local,
          since,
          owner,
          ...(intent ? { intent } : {}),
        };
        this.writeAll(entries);
      },
      clear: () => {
        const entries = this.readAll();
        if (!(key in entries)) return;
        delete entries[key];
        this.writeAll(entries);
      },
    };
  }

  /** Every pending entry, oldest first. */
  pending(): OutboxEntry[] {
    return Object.values(this.readAll()).sort((a, b) => a.since - b.since);
  }

  /**
   * Entries an earlier version of the app left, keyed by their URL (`{ key: "/api/cart" }`),
   * get the kind's name and the id that URL stands for, so they are sent like any other.
   */
  upgradeLegacyEntries(kinds: readonly SyncedKind[]) {
    const entries = this.readAll();
    let changed = false;
    for (const [key, entry] of Object.entries(entries)) {
      const url = (entry as { key?: unknown }).key;
      if (entry.kind || typeof url !== "string") continue;
      for (const kind of kinds) {
        const id = idInUrl(kind, url);
        if (id === null) continue;
        delete entries[key];
        const { base, local, since } = entry;
        entries[docKey(kind, id)] = { kind: kind.name, id, base, local, since };
        changed = true;
        break;
      }
    }
    if (changed) this.writeAll(entries);
  }
}

import type { z } from "zod";
import type { DocKind } from "@/lib/store/types";
import type { Merge, Versioned } from "./types";

/**
 * One synced kind (drafts, the cart, the application form, a playback position), described
 * once for client and server alike: nothing here may import server-only code.
 *
 * Members are methods rather than function properties on purpose: method parameters compare
 * bivariantly, so kinds of different documents fit one `SyncedKind[]` list (lib/kinds) while
 * each kind's own code keeps its precise types. What crosses that list untyped (an outbox
 * entry, another tab's edit) is checked against `schema` first.
 */
export interface SyncedKind<T = Record<string, unknown>, View = unknown> {
  /** Names the kind in the outbox and tab messages, and is the API answer's field: `{ cart }`. */
  readonly name: string;
  /**
   * What a save sends (the PUT body): the server validates it, so does the browser before it
   * sends an outbox entry or adopts another tab's edit. Loaded on demand: zod stays out of the
   * pages' first load (`bench/bundle-size.mjs`); the server awaits an already loaded module.
   */
  schema(): Promise<z.ZodType<T>>;
  /** Saves of typing are sent this long after the last keystroke (default 400 ms). */
  readonly debounceMs?: number;
  /** Where one document lives: GET polls it (ETag), PUT saves it (If-Match). */
  url(id: string): string;
  /** The synced part of what the API answers in `[name]` (and in a 412's `current`). */
  versioned(view: View): Versioned<T>;
  /** Three-way merge after a 412; without one, fields merge one by one (lib/sync/merge.ts). */
  merge?(base: T, mine: T, theirs: T): ReturnType<Merge<T>>;
  /** Client only: keeps other caches (a list) in step with a saved document. */
  afterSave?(view: View): void;
  /** Client only: keeps the other side's version when a merge could not hold both. */
  keepConflictCopy?(theirs: T): Promise<string>;
}

/** How every kind spells a version in ETag and If-Match headers: `"v7"`. */
export const versionTag = (version: number) => `"v${version}"`;

/** The version in an ETag this API gave out, or null for anything else. */
export function parseVersionTag(tag: string): number | null {
  const match = /^"v(\d{1,15})"$/.exec(tag.trim());
  return match ? Number(match[1]) : null;
}

/** A singleton as the API sends it: `{ [name]: { version, data, updatedAt } }`. */
export interface SingletonView<T> {
  version: number;
  data: T;
  updatedAt: string | null;
}

/**
 * A document a user has at most one of per id (their cart, their application form, their
 * position in one video). It exists from the start at version 0 with `empty` data, so every
 * client writes with If-Match alike: version 0 creates it, later versions replace it.
 */
export interface SingletonKind<T = Record<string, unknown>>
  extends SyncedKind<T, SingletonView<T>> {
  readonly empty: T;
  /** Kinds with one document per id (a video): which ids exist. None: one per user. */
  readonly ids?: { label: string; valid(id: string): boolean };
  /** Where the store keeps it. */
  readonly stored: { kind: DocKind; id(id: string): string };
}

type PerId = string | ((id: string) => string);
const perId = (value: PerId) => (typeof value === "string" ? () => value : value);

/** Describes a singleton kind; `path` and `storedId` take the id when there is one per id. */
export function singletonKind<T>(spec: {
  name: string;
  path: PerId;
  stored: { kind: DocKind; id: PerId };
  empty: T;
  schema: () => Promise<z.ZodType<T>>;
  ids?: SingletonKind<T>["ids"];
  merge?: Merge<T>;
  debounceMs?: number;
}): SingletonKind<T> {
  const { path, stored, ...rest } = spec;
  return {
    ...rest,
    stored: { kind: stored.kind, id: perId(stored.id) },
    url: perId(path),
    versioned: ({ version, data }) => ({ version, data }),
  };
}

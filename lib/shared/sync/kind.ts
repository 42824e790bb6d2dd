import type { z } from "zod";
import type { Merge, Versioned } from "./types";

/**
 * The kinds of per-user document the store holds. The first four are synced between devices
 * as they change; orders and submissions are written once, when a cart is checked out or a
 * form submitted; an import marks guest data already merged; settings hold preferences; the
 * trash holds deleted drafts until they expire; undo, the user's last undoable action;
 * history, earlier versions of drafts.
 */
export type DocKind =
  | "draft"
  | "cart"
  | "form"
  | "position"
  | "order"
  | "submission"
  | "import"
  | "settings"
  | "trash"
  | "undo"
  | "history";

/** A stored document as a kind's `view` sees it, on the server and in a guest's browser. */
export interface DocRecord<T> {
  id: string;
  version: number;
  data: T;
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * A kind with many documents per user (drafts): they are listed, created and deleted, and a
 * merge that cannot hold both sides keeps the other side as a new document.
 */
export interface Collection<T, View> {
  /** GET lists `{ [field]: summaries }` (newest first; ETag: the user's marker); POST creates. */
  readonly url: string;
  readonly field: string;
  /** What the list holds of one document: no large fields. */
  summary(view: View): ListEntry;
  /** A new document holding `theirs`, when a merge could not keep both sides. */
  conflictCopy?(theirs: T): T;
  /** What a user calls one document ("Untitled"), for messages. */
  title(data: T): string;
}

/** One line of a collection's list. */
export interface ListEntry {
  id: string;
  updatedAt: string;
  version: number;
}

/**
 * One synced kind (drafts, the cart, the application form, a playback position), described
 * once for every side: the server's routes, the browser's sync client and a guest's local API
 * all read it. Nothing here may import code of one side only.
 *
 * Members are methods rather than function properties on purpose: method parameters compare
 * bivariantly, so kinds of different documents fit one `SyncedKind[]` list (lib/shared/kinds)
 * while each kind's own code keeps its precise types. What crosses that list untyped (an
 * outbox entry, another tab's edit) is checked against `schema` first.
 */
export interface SyncedKind<T = Record<string, unknown>, View = unknown> {
  /** Names the kind in the outbox and tab messages, and is the API answer's field: `{ cart }`. */
  readonly name: string;
  /** What the store calls these documents: a change to them refetches this kind's URLs. */
  readonly stores: DocKind;
  /** A new document's data. */
  readonly empty: T;
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
  /** What the API answers in `[name]` for a stored document (and in a 412's `current`). */
  view(doc: DocRecord<T>): View;
  /** The synced part of a view. */
  versioned(view: View): Versioned<T>;
  /** Three-way merge after a 412; without one, fields merge one by one (lib/shared/sync/merge.ts). */
  merge?(base: T, mine: T, theirs: T): ReturnType<Merge<T>>;
  /** Set for kinds with many documents per user. */
  readonly collection?: Collection<T, View>;
}

/** How every kind spells a version in ETag and If-Match headers: `"v7"`. */
export const versionTag = (version: number) => `"v${version}"`;

/** The version in an ETag this API gave out, or null for anything else. */
export function parseVersionTag(tag: string): number | null {
  const match = /^"v(\d{1,15})"$/.exec(tag.trim());
  return match ? Number(match[1]) : null;
}

/** A list's ETag is the user's change marker, weak because it names a state, not bytes. */
export const listEtag = (marker: number) => `W/"m${marker}"`;

/**
 * Where an ETag of this API stands in its URL's history (a version or a marker: both only
 * grow), or null for a tag it did not give out. Answers can arrive out of order (another
 * tab's, a slow fetch's): a lower one is older.
 */
export function tagOrder(tag: string): number | null {
  const match = /^(?:"v|W\/"m)(\d{1,15})"$/.exec(tag.trim());
  return match ? Number(match[1]) : null;
}

/** The store's kind behind one of `kinds`' URLs (a document or a list), or null if none. */
export function storedKindOf(kinds: readonly SyncedKind[], url: string): DocKind | null {
  for (const kind of kinds)
    if (kind.collection?.url === url || idInUrl(kind, url) !== null) return kind.stores;
  return null;
}

/** One document's name in the outbox, the document locks and tab messages. */
export const docKey = (kind: Pick<SyncedKind, "name">, id: string) => `${kind.name}:${id}`;

/** The id `url` names in this kind's URLs ("" for one per user), or null if it is not one. */
export function idInUrl(kind: Pick<SyncedKind, "url">, url: string): string | null {
  const [prefix = "", suffix] = kind.url("\u0000").split("\u0000");
  if (suffix === undefined) return url === prefix ? "" : null;
  if (!url.startsWith(prefix) || !url.endsWith(suffix)) return null;
  const id = url.slice(prefix.length, url.length - suffix.length);
  return id && !id.includes("/") ? id : null;
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
  /** Kinds with one document per id (a video): which ids exist. None: one per user. */
  readonly ids?: { label: string; valid(id: string): boolean };
  /** Where the store keeps it. */
  readonly stored: { kind: DocKind; id(id: string): string };
  /**
   * Says what a save throws away that the user may want back ("removed Enamel mug"), or null.
   * Such a save is offered for undo on every device of the user (lib/server/undo). Loaded on
   * demand, like `schema`: only the server runs it.
   */
  describeLoss?(): Promise<LossRule<T>>;
}

/** What a save from `before` to `after` throws away, in words, or null. */
export type LossRule<T> = (before: T, after: T) => string | null;

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
  describeLoss?: () => Promise<LossRule<T>>;
}): SingletonKind<T> {
  const { path, stored, ...rest } = spec;
  return {
    ...rest,
    stores: stored.kind,
    stored: { kind: stored.kind, id: perId(stored.id) },
    url: perId(path),
    view: ({ version, data, updatedAt }) => ({ version, data, updatedAt }),
    versioned: ({ version, data }) => ({ version, data }),
  };
}

import type { DocKind } from "@/lib/shared/sync/kind";

export type { DocKind };

/** One small JSON document owned by one user. Cosmos DB partitions by `userId`. */
export interface StoredDoc<T = unknown> {
  id: string;
  userId: string;
  kind: DocKind;
  data: T;
  /** Starts at 1, +1 on every write; the HTTP ETag is derived from it. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When the store lets it go (ms since the epoch): absent from every read after that. */
  expiresAt?: number;
}

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: string;
}

export interface NewDoc<T = unknown> {
  id: string;
  userId: string;
  kind: DocKind;
  data: T;
}

/** A signed-out session, remembered only until its token would have expired anyway. */
export interface RevokedSession {
  sid: string;
  /** When the session began (ms since the epoch). */
  startedAt: number;
  /** When its token expires (ms since the epoch); the entry is dropped after that. */
  expiresAt: number;
}

/**
 * The user's control document, read by every poll: the change marker plus what every device
 * must learn soon about its session. One point read answers "changed?" and "still signed in?".
 */
export interface UserControl {
  /** Grows by one with every commit to the user's documents. */
  marker: number;
  /**
   * The marker of the last commit that changed each kind, so a device told "something changed"
   * refetches only the kinds that did. A kind missing here has not changed since this was kept.
   */
  kinds: Partial<Record<DocKind, number>>;
  /** Sessions that began before this time (ms since the epoch) are over. 0: none. */
  sessionsValidAfter: number;
  revoked: RevokedSession[];
  /** When a device of the user last said someone was using it (ms since the epoch). 0: never. */
  activeAt: number;
  /** When the account was deleted (ms since the epoch), so its old sessions say so. 0: never. */
  deletedAt: number;
  /**
   * When the marker or the session state last changed (ms since the epoch, the writer's clock;
   * presence leaves it). The live feed reads every user's control changed since a time.
   */
  changedAt: number;
}

/** One user's control document as the live feed reads it. */
export type ControlChange = UserControl & { userId: string };

export type SessionControl = Pick<UserControl, "sessionsValidAfter" | "revoked">;

/**
 * One write of an atomic `commit`. A create starts at `version` (1 by default: a restored
 * document goes on from the version it had, so versions only grow), and with `expiresAt` is let
 * go at that time (Cosmos DB: the item's TTL; SQLite: a sweep as the store is used). A delete
 * of a missing document is `not_found`; with `expectedVersion`, of another `version_conflict`.
 */
export type WriteOp =
  | {
      op: "create";
      kind: DocKind;
      id: string;
      data: unknown;
      version?: number;
      expiresAt?: number;
    }
  | { op: "replace"; kind: DocKind; id: string; data: unknown; expectedVersion: number }
  | { op: "delete"; kind: DocKind; id: string; expectedVersion?: number };

/** A counter of attempts in a fixed window (sign-in failures, sign-ups per address). */
export interface Counter {
  count: number;
  /** When the window ends and the count starts again (ms since the epoch). */
  resetAt: number;
}

export interface StoreLimits {
  /** Largest `data` of one document, in bytes of JSON. */
  maxDocBytes: number;
}

/**
 * The port every adapter implements (see store.contract.test.ts). Every method is scoped by
 * `userId`, which callers take from the session, never from a request.
 *
 * Errors are AppErrors: `conflict` (email taken, id taken), `version_conflict` (with `current`),
 * `not_found`, `payload_too_large`, `store_unavailable`.
 */
export interface Store {
  readonly name: "sqlite" | "cosmos";
  createUser(user: UserRecord): Promise<void>;
  findUserByEmail(email: string): Promise<UserRecord | null>;
  /** Resolves false when there is no such account. */
  setPasswordHash(email: string, passwordHash: string): Promise<boolean>;

  /** The marker and session state in one point read; an unknown user gets zeros. */
  getControl(userId: string): Promise<UserControl>;
  /** Records that a device of the user is in use now; the marker is kept. */
  touchPresence(userId: string, at: number): Promise<void>;
  /**
   * Every user's control document changed after `since` (ms since the epoch), oldest change
   * first, at most `limit`: one query per feed interval for all the streams of an instance.
   */
  changedSince(since: number, limit: number): Promise<ControlChange[]>;
  /** Read-modify-write of the session part of the control document (the marker is kept). */
  updateSessions(
    userId: string,
    change: (current: SessionControl) => SessionControl,
  ): Promise<void>;

  /**
   * Newest first (by updatedAt). With `fields`, `data` holds only those top-level keys, so a
   * list can leave large bodies behind.
   */
  listDocs<T>(
    userId: string,
    kind: DocKind,
    options?: { fields?: string[] },
  ): Promise<StoredDoc<T>[]>;
  /** How many documents the user has, of one kind or in all. */
  countDocs(userId: string, kind?: DocKind): Promise<number>;
  /** Null when absent, or when the id names a doc of another kind. */
  getDoc<T>(userId: string, kind: DocKind, id: string): Promise<StoredDoc<T> | null>;
  createDoc<T>(doc: NewDoc<T>): Promise<StoredDoc<T>>;
  /** Replaces `data` only if the stored version is still `expectedVersion`. */
  updateDoc<T>(
    userId: string,
    kind: DocKind,
    id: string,
    data: T,
    expectedVersion: number,
  ): Promise<StoredDoc<T>>;
  /** Resolves false when there was nothing to delete. */
  deleteDoc(userId: string, kind: DocKind, id: string): Promise<boolean>;
  /**
   * Several writes of one user, all or none, with one marker bump (SQLite: a transaction;
   * Cosmos DB: a transactional batch in the user's partition). A create of an existing id is
   * `conflict`, a replace of a stale or missing version is `version_conflict`.
   */
  commit(userId: string, ops: WriteOp[]): Promise<StoredDoc[]>;

  /** Every document of the user, for "Download my data". */
  exportDocs(userId: string): Promise<StoredDoc[]>;
  /**
   * Removes every document of the user and the account (found by email). What stays is the
   * control document, with every session ended, so old tokens of the user stay refused.
   */
  deleteUser(userId: string, email: string | null): Promise<void>;

  /** Adds one to the counter `key`, starting a new window of `windowMs` when the last ended. */
  hitCounter(key: string, windowMs: number): Promise<Counter>;
  /** The counter as it stands, or null when it has none running. */
  readCounter(key: string): Promise<Counter | null>;
  clearCounter(key: string): Promise<void>;

  close(): Promise<void>;
}

/** The control-document part of the port, which each adapter's control module implements. */
export type ControlPort = Pick<
  Store,
  "getControl" | "touchPresence" | "changedSince" | "updateSessions"
>;

/** The documents part of the port, which each adapter's documents module implements. */
export type DocumentsPort = Pick<
  Store,
  | "listDocs"
  | "countDocs"
  | "getDoc"
  | "createDoc"
  | "updateDoc"
  | "deleteDoc"
  | "commit"
  | "exportDocs"
>;

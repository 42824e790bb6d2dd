/**
 * The kinds of per-user document. The first four are synced between devices as they change;
 * orders and submissions are written once, when a cart is checked out or a form submitted;
 * an import marks guest data already merged; settings hold the user's preferences.
 */
export type DocKind =
  | "draft"
  | "cart"
  | "form"
  | "position"
  | "order"
  | "submission"
  | "import"
  | "settings";

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

/**
 * The port every adapter implements (see store.contract.test.ts). Every method is scoped by
 * `userId`, which callers take from the session, never from a request.
 *
 * Errors are AppErrors: `conflict` (email taken, id taken), `version_conflict` (with `current`),
 * `not_found`, `store_unavailable`.
 */
export interface Store {
  readonly name: "sqlite" | "cosmos";
  createUser(user: UserRecord): Promise<void>;
  findUserByEmail(email: string): Promise<UserRecord | null>;

  /**
   * The user's change marker: a number that grows with every write to any of the user's docs.
   * Reading it is one point read, so an idle poll never has to run a query.
   */
  getMarker(userId: string): Promise<number>;
  /** Newest first (by updatedAt). */
  listDocs<T>(userId: string, kind: DocKind): Promise<StoredDoc<T>[]>;
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
  close(): Promise<void>;
}

import type { ApiClientError } from "./api-client";
import type { RecordMerge } from "./merge";

/** A document's data at the version the server gave it. */
export interface Versioned<T> {
  version: number;
  data: T;
}

/** How a kind's document reaches the server: built from its descriptor (see transport.ts). */
export interface DocTransport<T> {
  /** Resolves with the stored version; rejects with ApiClientError (412 carries `current`). */
  save(data: T, baseVersion: number, options: { keepalive: boolean }): Promise<Versioned<T>>;
  /** Pulls `current` out of a 412 body. */
  conflictCurrent(error: ApiClientError): Versioned<T> | null;
  /**
   * Keeps the other side's version when a merge could not hold both (e.g. as a new draft).
   * Resolves with a name to show the user.
   */
  keepConflictCopy?(theirs: T): Promise<string>;
}

/** A kind's three-way merge rule: `base` is what both sides started from. */
export type Merge<T> = (base: T, mine: T, theirs: T) => RecordMerge<T>;

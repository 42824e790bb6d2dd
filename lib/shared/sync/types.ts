import type { RecordMerge } from "./merge";

/** A document's data at the version the server gave it. */
export interface Versioned<T> {
  version: number;
  data: T;
}

/** A kind's three-way merge rule: `base` is what both sides started from. */
export type Merge<T> = (base: T, mine: T, theirs: T) => RecordMerge<T>;

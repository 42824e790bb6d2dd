import type { RecordMerge } from "./merge";

/** A document's data at the version the server gave it. */
export interface Versioned<T> {
  version: number;
  data: T;
}

/** A kind's three-way merge rule: `base` is what both sides started from. */
export type Merge<T> = (base: T, mine: T, theirs: T) => RecordMerge<T>;

/**
 * Why a save was sent, told to the server in SAVE_INTENT_HEADER: it merges a conflict, or
 * restores an earlier version. (Drafts keep the version such a save replaces in their history.)
 */
export type SaveIntent = "merge" | "restore";
export const SAVE_INTENT_HEADER = "Handoff-Save";
export const isSaveIntent = (value: string | null): value is SaveIntent =>
  value === "merge" || value === "restore";

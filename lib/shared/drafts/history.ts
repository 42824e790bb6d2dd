import { mergeRecord } from "@/lib/shared/sync/merge";
import type { DraftFields } from "./schema";

export { preview } from "./preview";

import { draftUrl } from "./urls";

export const historyUrl = (draftId: string) => `${draftUrl(draftId)}/history`;
export const historyVersionUrl = (draftId: string, version: number) =>
  `${historyUrl(draftId)}/${version}`;

/** Versions of one draft kept whatever their age... */
export const HISTORY_KEEP = 50;
/** ...and versions kept whatever their number: whichever is more generous, within the budget. */
export const HISTORY_DAYS = 30;
export const HISTORY_MS = HISTORY_DAYS * 24 * 60 * 60 * 1000;

/** How a version came to be: typed on a device, merged after a conflict, or restored. */
export type VersionHow = "edit" | "merge" | "restore";

/** Who wrote a draft's current version: kept with it, so its history entry can say. */
export interface SavedBy {
  by?: string;
  how?: VersionHow;
  /** The session that saved it (a digest): another device's version is kept when replaced. */
  session?: string;
}

/** A draft as the store keeps it. */
export type StoredDraft = DraftFields & SavedBy;

/** An earlier version of a draft as the history keeps it. */
export interface KeptVersion extends DraftFields {
  draftId: string;
  version: number;
  /** When this version was saved (ISO), not when it was kept. */
  savedAt: string;
  by: string;
  how: VersionHow;
  /** The start of the body, on one line, so History lists without reading bodies. */
  preview: string;
  /** Its size in the store, counted against the user's history budget. */
  bytes: number;
}

/** One line of a draft's History. */
export interface HistoryEntry {
  version: number;
  title: string;
  preview: string;
  savedAt: string;
  /** "Firefox on Linux", "merge", "restore". */
  by: string;
  how: VersionHow;
}

export function historyEntry(kept: Omit<KeptVersion, "body">): HistoryEntry {
  return {
    version: kept.version,
    title: kept.title,
    preview: kept.preview,
    savedAt: kept.savedAt,
    by: kept.by,
    how: kept.how,
  };
}

/** Who a History line names: the device, or what made the version when no device typed it. */
export function versionAuthor(entry: Pick<HistoryEntry, "by" | "how">): string {
  if (entry.how === "merge") return "merge";
  if (entry.how === "restore") return `restored on ${entry.by}`;
  return entry.by;
}

/**
 * Undoing a restore: the draft goes back to what the restore replaced, merged three-way
 * against what it restored, so what another device typed since the restore stays. Where both
 * rewrote the same words, the replaced text wins (what the user asked back) and the current
 * text is kept in the history first, so nothing is lost either way.
 */
export function revertRestore(
  restored: DraftFields,
  replaced: DraftFields,
  current: DraftFields,
): DraftFields {
  const { data } = mergeRecord(
    { title: restored.title, body: restored.body },
    { title: replaced.title, body: replaced.body },
    { title: current.title, body: current.body },
  );
  return data;
}

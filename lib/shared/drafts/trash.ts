import { preview } from "./preview";
import type { DraftFields } from "./schema";

export const TRASH_URL = "/api/trash";
export const trashEntryUrl = (id: string) => `${TRASH_URL}/${id}`;
export const restoreUrl = (id: string) => `${trashEntryUrl(id)}/restore`;

/** How long a deleted draft waits in the Trash before it is gone for good (as Gmail's). */
export const TRASH_DAYS = 30;
export const TRASH_MS = TRASH_DAYS * 24 * 60 * 60 * 1000;

/** A deleted draft as the Trash keeps it: all it takes to put it back. */
export interface TrashedDraft extends DraftFields {
  draftId: string;
  /** The draft's version when deleted: put back, it goes on from the next one. */
  version: number;
}

/** What the Trash lists of one deleted draft. */
export interface TrashEntry {
  /** The Trash's own id for it (a draft deleted twice is in it twice). */
  id: string;
  draftId: string;
  title: string;
  /** The start of the body, on one line. */
  preview: string;
  deletedAt: string;
  /** When the Trash lets it go for good. */
  expiresAt: string;
}

export function trashEntry(doc: {
  id: string;
  data: TrashedDraft;
  createdAt: string | null;
  expiresAt?: number;
}): TrashEntry {
  const deletedAt = doc.createdAt ?? new Date(0).toISOString();
  return {
    id: doc.id,
    draftId: doc.data.draftId,
    title: doc.data.title,
    preview: preview(doc.data.body),
    deletedAt,
    expiresAt: new Date(doc.expiresAt ?? Date.parse(deletedAt) + TRASH_MS).toISOString(),
  };
}

/**
 * Where a deleted draft comes back: under its own id, going on from its version (so a device
 * still holding an edit of it merges as usual), or, when a draft has that id again, under a
 * new id from version 1, so nothing is overwritten. One rule for the server and a guest's Trash.
 */
export function putBackAs(
  kept: Pick<TrashedDraft, "draftId" | "version">,
  taken: boolean,
  newId: () => string,
): { id: string; version: number } {
  return taken ? { id: newId(), version: 1 } : { id: kept.draftId, version: kept.version + 1 };
}

/** The last destructive action of a user, undoable for a while from any of their devices. */
export const UNDO_URL = "/api/undo";
/** How long an action can be undone. */
export const UNDO_MS = 10 * 60 * 1000;

/** What undoing does. (Today: a draft deleted is put back from the Trash.) */
export type UndoAction = { type: "restore-draft"; trashId: string; title: string };

/** As stored: one per user, replaced by every undoable action, cleared once undone. */
export interface UndoRecord {
  action: UndoAction | null;
  /** When the action was done (ms since the epoch, the server's clock). */
  at: number;
  /** Which device did it, in words ("Firefox on Linux"). */
  device: string;
}

/** What GET /api/undo offers: null when there is nothing (left) to undo. */
export interface UndoOffer {
  /** The record's version: POST /api/undo with If-Match on it undoes exactly this. */
  version: number;
  /** What was done, for "Undo: deleted “Plans”". */
  label: string;
  device: string;
  at: string;
  expiresAt: string;
}

export function describeAction(action: UndoAction): string {
  return `deleted “${action.title.trim() || "Untitled"}”`;
}

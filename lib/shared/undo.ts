/** The last destructive action of a user, undoable for a while from any of their devices. */
export const UNDO_URL = "/api/undo";
/** How long an action can be undone. */
export const UNDO_MS = 10 * 60 * 1000;

/**
 * What undoing does: a deleted draft comes back from the Trash; a restored version of a draft
 * goes back to the version it replaced; a document of a synced kind (a cart line removed, an
 * application step cleared) goes back to `before`. The last two merge with what other devices
 * did since, like any save: `after` (or the restored version) is the merge's common base.
 */
export type UndoAction =
  | { type: "restore-draft"; trashId: string; title: string }
  | { type: "revert-draft"; draftId: string; replaced: number; restored: number; title: string }
  | { type: "revert"; kind: string; id: string; before: unknown; after: unknown; label: string };

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

const titled = (title: string) => `“${title.trim() || "Untitled"}”`;

export function describeAction(action: UndoAction): string {
  switch (action.type) {
    case "restore-draft":
      return `deleted ${titled(action.title)}`;
    case "revert-draft":
      return `restored an earlier version of ${titled(action.title)}`;
    case "revert":
      return action.label;
  }
}

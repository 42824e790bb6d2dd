import "server-only";
import { getStore, type StoredDoc, type WriteOp } from "@/lib/server/store";
import { AppError } from "@/lib/shared/errors";
import {
  describeAction,
  UNDO_MS,
  type UndoAction,
  type UndoOffer,
  type UndoRecord,
} from "@/lib/shared/undo";

/** One record per user, under this id. */
const UNDO_ID = "undo";

export async function readUndo(userId: string) {
  return getStore().getDoc<UndoRecord>(userId, "undo", UNDO_ID);
}

/** The write that makes `action` the user's last undoable one, in the commit that does it. */
export function offerUndo(
  current: StoredDoc<UndoRecord> | null,
  action: UndoAction | null,
  device: string,
): WriteOp {
  const data: UndoRecord = { action, at: Date.now(), device };
  return current
    ? { op: "replace", kind: "undo", id: UNDO_ID, data, expectedVersion: current.version }
    : { op: "create", kind: "undo", id: UNDO_ID, data };
}

/**
 * The write that clears the record if it offers to bring back `trashId` (the draft was put back
 * or deleted for good some other way), so no device offers an undo that cannot be done.
 */
export function withdrawUndoOf(current: StoredDoc<UndoRecord> | null, trashId: string): WriteOp[] {
  const action = current?.data.action;
  if (!current || action?.type !== "restore-draft" || action.trashId !== trashId) return [];
  return [offerUndo(current, null, current.data.device)];
}

/** What can be undone now, if anything, and its record's version (the ETag). */
export function undoOffer(doc: StoredDoc<UndoRecord> | null): UndoOffer | null {
  const action = doc?.data.action;
  if (!doc || !action || doc.data.at + UNDO_MS <= Date.now()) return null;
  return {
    version: doc.version,
    label: describeAction(action),
    device: doc.data.device,
    at: new Date(doc.data.at).toISOString(),
    expiresAt: new Date(doc.data.at + UNDO_MS).toISOString(),
  };
}

/** Another device's newer action, or an undo already done: a 412 with what is offered now. */
export const staleUndo = (doc: StoredDoc<UndoRecord> | null) =>
  new AppError("version_conflict", "Something else was done or undone since", {
    current: undoOffer(doc),
  });

/** The action the device saw (`expectedVersion` of the record) and what undoing it must do. */
export async function actionToUndo(userId: string, expectedVersion: number) {
  const doc = await readUndo(userId);
  if ((doc?.version ?? 0) !== expectedVersion) throw staleUndo(doc);
  const offer = undoOffer(doc);
  const action = doc?.data.action;
  if (!offer || !action) throw new AppError("not_found", "There is nothing to undo any more");
  return { action, offer };
}

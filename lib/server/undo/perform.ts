import "server-only";
import type { Author } from "@/lib/server/auth/author";
import { undoRestore } from "@/lib/server/drafts/revert";
import { restoreDraft } from "@/lib/server/drafts/trash";
import { readSingleton, singletonView, singletonWriteOp } from "@/lib/server/persist/singleton";
import { actionToUndo, offerUndo, readUndo, staleUndo } from "@/lib/server/persist/undo-record";
import { getStore, type StoredDoc } from "@/lib/server/store";
import { AppError } from "@/lib/shared/errors";
import { SYNCED_KINDS } from "@/lib/shared/kinds";
import type { SingletonKind } from "@/lib/shared/sync/kind";
import { mergeRecord } from "@/lib/shared/sync/merge";
import type { UndoAction } from "@/lib/shared/undo";

const ATTEMPTS = 3;

/** What an undo answers: what was undone, and the document as it is now. */
export type Undone = { undone: string } & Record<string, unknown>;

/**
 * Puts a singleton back as it was before the action (`before`), merged three-way with what
 * it became since (`after` is the base): a mug another device added after the removal stays.
 */
async function revertSingleton(
  userId: string,
  action: Extract<UndoAction, { type: "revert" }>,
  undoVersion: number,
) {
  const kind = SYNCED_KINDS.find(
    (k): k is SingletonKind => k.name === action.kind && "stored" in k,
  );
  if (!kind) throw new AppError("not_found", "There is nothing to undo any more");
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [undo, current] = await Promise.all([
      readUndo(userId),
      readSingleton<Record<string, unknown>>(userId, kind, action.id),
    ]);
    if ((undo?.version ?? 0) !== undoVersion) throw staleUndo(undo);
    const merge = kind.merge ?? mergeRecord;
    const { data } = merge(
      action.after as Record<string, unknown>,
      action.before as Record<string, unknown>,
      current.data,
    );
    try {
      const [saved] = await getStore().commit(userId, [
        singletonWriteOp(kind, data, current.version, action.id),
        offerUndo(undo, null, undo?.data.device ?? ""),
      ]);
      return { [kind.name]: singletonView(saved as StoredDoc) };
    } catch (error) {
      const raced =
        error instanceof AppError &&
        (error.code === "version_conflict" || error.code === "conflict");
      if (!raced) throw error;
    }
  }
  throw new AppError("conflict", "This is being changed on another device; try again");
}

/**
 * Undoes the action offered at `undoVersion` (the device's If-Match), whichever it is: 412 with
 * what is offered now if another device did or undid something since, 404 once it can no
 * longer be undone.
 */
export async function undoLastAction(
  userId: string,
  undoVersion: number,
  author: Author,
): Promise<Undone> {
  const { action, offer } = await actionToUndo(userId, undoVersion);
  switch (action.type) {
    case "restore-draft":
      return {
        undone: offer.label,
        draft: await restoreDraft(userId, action.trashId, { undoVersion }),
      };
    case "revert-draft":
      return { undone: offer.label, draft: await undoRestore(userId, action, undoVersion, author) };
    case "revert":
      return { undone: offer.label, ...(await revertSingleton(userId, action, undoVersion)) };
  }
}

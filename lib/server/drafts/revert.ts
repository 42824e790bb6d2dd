import "server-only";
import type { Author } from "@/lib/server/auth/author";
import { offerUndo, readUndo, staleUndo } from "@/lib/server/persist/undo-record";
import { getStore, type StoredDoc } from "@/lib/server/store";
import { revertRestore, type StoredDraft } from "@/lib/shared/drafts/history";
import { draftKind } from "@/lib/shared/drafts/kind";
import type { Draft, DraftFields } from "@/lib/shared/drafts/schema";
import { AppError } from "@/lib/shared/errors";
import type { UndoAction } from "@/lib/shared/undo";
import { keepsBeforeSaving, keepVersionOps, readVersion } from "./history";
import { savedDraft } from "./service";

const ATTEMPTS = 3;

/**
 * Undoes a restore: the draft goes back to the version the restore replaced, merged with what
 * was typed since on any device (revertRestore), in one commit that keeps the current version
 * in the history and clears the undo offer (`undoVersion`: the offer the device saw).
 */
export async function undoRestore(
  userId: string,
  action: Extract<UndoAction, { type: "revert-draft" }>,
  undoVersion: number,
  author: Author,
): Promise<Draft> {
  const store = getStore();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [undo, current, replaced] = await Promise.all([
      readUndo(userId),
      store.getDoc<StoredDraft>(userId, "draft", action.draftId),
      readVersion(userId, action.draftId, action.replaced),
    ]);
    if ((undo?.version ?? 0) !== undoVersion) throw staleUndo(undo);
    if (!current)
      throw new AppError("not_found", "This draft was deleted since; restore it from the Trash");
    if (!replaced) throw new AppError("not_found", "The version to go back to is no longer kept");
    const restored =
      current.version === action.restored
        ? current.data
        : ((await readVersion(userId, action.draftId, action.restored)) ?? current.data);
    const next = revertRestore(restored, replaced, current.data);
    const keep = keepsBeforeSaving(current, { author, intent: "restore", now: Date.now() });
    try {
      const written = await store.commit(userId, [
        ...(keep ? await keepVersionOps(userId, current) : []),
        offerUndo(undo, null, undo?.data.device ?? author.device),
        {
          op: "replace",
          kind: "draft",
          id: current.id,
          data: savedDraft(next, author, "restore"),
          expectedVersion: current.version,
        },
      ]);
      return draftKind.view(written.at(-1) as StoredDoc<DraftFields>);
    } catch (error) {
      const raced =
        error instanceof AppError &&
        (error.code === "version_conflict" ||
          error.code === "conflict" ||
          error.code === "not_found");
      if (!raced) throw error;
    }
  }
  throw new AppError("conflict", "This draft is being changed on another device; try again");
}

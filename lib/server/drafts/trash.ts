import "server-only";
import { randomUUID } from "node:crypto";
import { assertRoomFor } from "@/lib/server/persist/quota";
import { offerUndo, readUndo, staleUndo, withdrawUndoOf } from "@/lib/server/persist/undo-record";
import { getStore, type StoredDoc } from "@/lib/server/store";
import { draftKind } from "@/lib/shared/drafts/kind";
import { type Draft, type DraftFields, draftIdSchema } from "@/lib/shared/drafts/schema";
import {
  putBackAs,
  TRASH_MS,
  type TrashEntry,
  type TrashedDraft,
  trashEntry,
} from "@/lib/shared/drafts/trash";
import { AppError } from "@/lib/shared/errors";
import { forgetHistory } from "./history";

/** Another device wrote between our read and our commit: read again, a few times. */
const ATTEMPTS = 3;
/** Deletes per commit when the Trash is emptied (a Cosmos DB batch holds 100 operations). */
const EMPTY_BATCH = 50;

const notInTrash = () => new AppError("not_found", "No such draft in the Trash");
const raced = (error: unknown) =>
  error instanceof AppError && (error.code === "version_conflict" || error.code === "conflict");

async function binned(userId: string, trashId: string) {
  if (!draftIdSchema.safeParse(trashId).success) return null;
  return getStore().getDoc<TrashedDraft>(userId, "trash", trashId);
}

/**
 * Deleting a draft moves it to the Trash, in one commit (the draft goes, the Trash gets it,
 * and every device of the user is offered to undo it), for TRASH_MS; the store lets it go
 * then. Resolves null when there was no such draft: a second delete changes nothing.
 */
export async function trashDraft(
  userId: string,
  id: string,
  device: string,
): Promise<TrashEntry | null> {
  if (!draftIdSchema.safeParse(id).success) return null;
  const store = getStore();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [draft, undo] = await Promise.all([
      store.getDoc<DraftFields>(userId, "draft", id),
      readUndo(userId),
    ]);
    if (!draft) return null;
    const kept: TrashedDraft = { ...draft.data, draftId: id, version: draft.version };
    const trashId = randomUUID();
    const action = { type: "restore-draft" as const, trashId, title: draft.data.title };
    try {
      // Creates before deletes: the Cosmos DB test server does not roll a batch back, and a
      // draft left beside its Trash copy is better than one lost.
      const [trashed] = await store.commit(userId, [
        { op: "create", kind: "trash", id: trashId, data: kept, expiresAt: Date.now() + TRASH_MS },
        offerUndo(undo, action, device),
        { op: "delete", kind: "draft", id, expectedVersion: draft.version },
      ]);
      return trashEntry(trashed as StoredDoc<TrashedDraft>);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return null;
      if (!raced(error)) throw error;
    }
  }
  throw new AppError("conflict", "This draft is being changed on another device; try again");
}

/** The Trash, most recently deleted first. */
export async function listTrash(userId: string): Promise<TrashEntry[]> {
  const docs = await getStore().listDocs<TrashedDraft>(userId, "trash");
  return docs.map((doc) => trashEntry(doc));
}

/**
 * Puts a deleted draft back, in one commit, under its own id and going on from its version
 * (so a device that still holds an edit of it merges it like any other). If a draft has that
 * id again meanwhile, it comes back under a new one. An undo offered for it is withdrawn in
 * the same commit; `undoVersion` (an undo) requires the offer to be that version still.
 */
export async function restoreDraft(
  userId: string,
  trashId: string,
  { undoVersion }: { undoVersion?: number } = {},
): Promise<Draft> {
  const store = getStore();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [doc, undo] = await Promise.all([binned(userId, trashId), readUndo(userId)]);
    if (undoVersion !== undefined && (undo?.version ?? 0) !== undoVersion) throw staleUndo(undo);
    if (!doc) throw notInTrash();
    // One more draft; the count of everything stays (the Trash's copy goes).
    await assertRoomFor(userId, "draft", 1, 0);
    const { title, body } = doc.data;
    const taken = await store.getDoc(userId, "draft", doc.data.draftId);
    const { id, version } = putBackAs(doc.data, taken !== null, randomUUID);
    try {
      const [restored] = await store.commit(userId, [
        { op: "create", kind: "draft", id, data: { title, body }, version },
        ...withdrawUndoOf(undo, trashId),
        { op: "delete", kind: "trash", id: trashId, expectedVersion: doc.version },
      ]);
      return draftKind.view(restored as StoredDoc<DraftFields>);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") throw notInTrash();
      if (!raced(error)) throw error;
    }
  }
  throw new AppError("conflict", "This draft is being restored on another device; try again");
}

/**
 * Deletes drafts of the Trash for good, with the undo offered for one of them; those already
 * gone change nothing.
 */
async function purge(userId: string, trashIds: readonly string[]): Promise<void> {
  if (trashIds.length === 0) return;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const undo = await readUndo(userId);
    try {
      await getStore().commit(userId, [
        ...trashIds.map((id) => ({ op: "delete" as const, kind: "trash" as const, id })),
        ...trashIds.flatMap((id) => withdrawUndoOf(undo, id)),
      ]);
      return;
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found" && trashIds.length > 1) {
        // Another device took one of them meanwhile: the rest one by one.
        for (const id of trashIds) await purge(userId, [id]);
        return;
      }
      if (error instanceof AppError && error.code === "not_found") return;
      if (!raced(error)) throw error;
    }
  }
  throw new AppError("conflict", "The Trash is being changed on another device; try again");
}

/** Deletes one draft of the Trash for good, with its history; one already gone changes nothing. */
export async function purgeTrashed(userId: string, trashId: string): Promise<void> {
  const doc = await binned(userId, trashId);
  if (!doc) return;
  await purge(userId, [trashId]);
  await forgetHistory(userId, [doc.data.draftId]);
}

/**
 * Deletes the Trash for good, with the drafts' history: what the page showed (`only`, so a draft another device deleted
 * meanwhile is not lost unseen), or everything. Resolves with how many drafts went. Purging is
 * safe to repeat, so a batch that keeps meeting other devices' writes does not stop the rest.
 */
export async function emptyTrash(userId: string, only?: readonly string[]): Promise<number> {
  const listed = await getStore().listDocs<Pick<TrashedDraft, "draftId">>(userId, "trash", {
    fields: ["draftId"],
  });
  const chosen = only ? listed.filter((doc) => only.includes(doc.id)) : listed;
  const ids = chosen.map((doc) => doc.id);
  let emptied = 0;
  for (let start = 0; start < ids.length; start += EMPTY_BATCH) {
    const batch = ids.slice(start, start + EMPTY_BATCH);
    try {
      await purge(userId, batch);
      emptied += batch.length;
    } catch (error) {
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  await forgetHistory(
    userId,
    chosen.map((doc) => doc.data.draftId),
  );
  return emptied;
}

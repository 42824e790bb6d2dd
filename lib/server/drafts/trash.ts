import "server-only";
import { randomUUID } from "node:crypto";
import { assertRoomFor } from "@/lib/server/persist/quota";
import { getStore, type StoredDoc } from "@/lib/server/store";
import { draftKind } from "@/lib/shared/drafts/kind";
import { type Draft, type DraftFields, draftIdSchema } from "@/lib/shared/drafts/schema";
import {
  TRASH_MS,
  type TrashEntry,
  type TrashedDraft,
  trashEntry,
} from "@/lib/shared/drafts/trash";
import { AppError } from "@/lib/shared/errors";

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
 * Deleting a draft moves it to the Trash, in one commit (the draft goes, the Trash gets it),
 * for TRASH_MS; the store lets it go then. Resolves null when there was no such draft: a
 * second delete changes nothing.
 */
export async function trashDraft(userId: string, id: string): Promise<TrashEntry | null> {
  if (!draftIdSchema.safeParse(id).success) return null;
  const store = getStore();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const draft = await store.getDoc<DraftFields>(userId, "draft", id);
    if (!draft) return null;
    const kept: TrashedDraft = { ...draft.data, draftId: id, version: draft.version };
    try {
      const [, trashed] = await store.commit(userId, [
        { op: "delete", kind: "draft", id, expectedVersion: draft.version },
        {
          op: "create",
          kind: "trash",
          id: randomUUID(),
          data: kept,
          expiresAt: Date.now() + TRASH_MS,
        },
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
 * id again meanwhile, it comes back under a new one.
 */
export async function restoreDraft(userId: string, trashId: string): Promise<Draft> {
  const store = getStore();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await binned(userId, trashId);
    if (!doc) throw notInTrash();
    // One more draft; the count of everything stays (the Trash's copy goes).
    await assertRoomFor(userId, "draft", 1, 0);
    const { draftId, version, title, body } = doc.data;
    const taken = await store.getDoc(userId, "draft", draftId);
    try {
      const [, restored] = await store.commit(userId, [
        { op: "delete", kind: "trash", id: trashId, expectedVersion: doc.version },
        {
          op: "create",
          kind: "draft",
          id: taken ? randomUUID() : draftId,
          data: { title, body },
          version: taken ? 1 : version + 1,
        },
      ]);
      return draftKind.view(restored as StoredDoc<DraftFields>);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") throw notInTrash();
      if (!raced(error)) throw error;
    }
  }
  throw new AppError("conflict", "This draft is being restored on another device; try again");
}

/** Deletes one draft of the Trash for good; one already gone changes nothing. */
export async function purgeTrashed(userId: string, trashId: string): Promise<void> {
  if (!draftIdSchema.safeParse(trashId).success) return;
  try {
    await getStore().commit(userId, [{ op: "delete", kind: "trash", id: trashId }]);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
  }
}

/** Deletes everything in the Trash for good; resolves with how many drafts went. */
export async function emptyTrash(userId: string): Promise<number> {
  const ids = (await getStore().listDocs(userId, "trash", { fields: [] })).map((doc) => doc.id);
  for (let start = 0; start < ids.length; start += EMPTY_BATCH) {
    const chunk = ids.slice(start, start + EMPTY_BATCH);
    try {
      await getStore().commit(
        userId,
        chunk.map((id) => ({ op: "delete", kind: "trash", id })),
      );
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      // Another device took one of them meanwhile: the rest one by one.
      for (const id of chunk) await purgeTrashed(userId, id);
    }
  }
  return ids.length;
}

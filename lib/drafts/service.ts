import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { getStore, type StoredDoc } from "@/lib/store";
import { type Draft, type DraftFields, draftIdSchema } from "./schema";

const toDraft = ({ id, data, createdAt, updatedAt, version }: StoredDoc<DraftFields>): Draft => ({
  id,
  title: data.title,
  body: data.body,
  createdAt,
  updatedAt,
  version,
});

const notFound = () => new AppError("not_found", "No such draft");

/** A draft of another user, a doc of another kind and a malformed id all look the same: absent. */
async function findOwned(userId: string, id: string) {
  if (!draftIdSchema.safeParse(id).success) return null;
  return getStore().getDoc<DraftFields>(userId, "draft", id);
}

/** The marker is read first: a write landing after it only makes the next poll refetch. */
export async function listDrafts(userId: string) {
  const store = getStore();
  const marker = await store.getMarker(userId);
  const docs = await store.listDocs<DraftFields>(userId, "draft");
  return { marker, drafts: docs.map(toDraft) };
}

export const draftsMarker = (userId: string) => getStore().getMarker(userId);

export async function getDraft(userId: string, id: string): Promise<Draft> {
  const doc = await findOwned(userId, id);
  if (!doc) throw notFound();
  return toDraft(doc);
}

export async function createDraft(userId: string, fields: Partial<DraftFields>): Promise<Draft> {
  const doc = await getStore().createDoc<DraftFields>({
    id: randomUUID(),
    userId,
    kind: "draft",
    data: { title: fields.title ?? "", body: fields.body ?? "" },
  });
  return toDraft(doc);
}

export async function updateDraft(
  userId: string,
  id: string,
  fields: DraftFields,
  expectedVersion: number,
): Promise<Draft> {
  if (!draftIdSchema.safeParse(id).success) throw notFound();
  try {
    return toDraft(await getStore().updateDoc(userId, "draft", id, fields, expectedVersion));
  } catch (error) {
    if (error instanceof AppError && error.code === "version_conflict") {
      const current = error.extra?.current as StoredDoc<DraftFields>;
      throw new AppError("version_conflict", error.message, { current: toDraft(current) });
    }
    if (error instanceof AppError && error.code === "not_found") throw notFound();
    throw error;
  }
}

export async function deleteDraft(userId: string, id: string): Promise<void> {
  // Deleting twice, or a draft that is not yours, is not an error and changes nothing.
  if (draftIdSchema.safeParse(id).success) await getStore().deleteDoc(userId, "draft", id);
}

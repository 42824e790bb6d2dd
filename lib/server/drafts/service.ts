import "server-only";
import { randomUUID } from "node:crypto";
import { assertRoomFor } from "@/lib/server/persist/quota";
import { getStore, type StoredDoc } from "@/lib/server/store";
import { draftKind } from "@/lib/shared/drafts/kind";
import {
  type Draft,
  type DraftFields,
  type DraftSummary,
  draftIdSchema,
} from "@/lib/shared/drafts/schema";
import { AppError } from "@/lib/shared/errors";

const toDraft = (doc: StoredDoc<DraftFields>): Draft => draftKind.view(doc);

const notFound = () => new AppError("not_found", "No such draft");

/** A draft of another user, a doc of another kind and a malformed id all look the same: absent. */
async function findOwned(userId: string, id: string) {
  if (!draftIdSchema.safeParse(id).success) return null;
  return getStore().getDoc<DraftFields>(userId, "draft", id);
}

/**
 * Titles and versions, no bodies: the open draft is fetched on its own. The caller read the
 * marker before this (with the session check), so a write landing between only makes the next
 * poll refetch.
 */
export async function listDrafts(userId: string): Promise<DraftSummary[]> {
  const docs = await getStore().listDocs<Pick<DraftFields, "title">>(userId, "draft", {
    fields: ["title"],
  });
  return docs.map(({ id, data, createdAt, updatedAt, version }) => ({
    id,
    title: data.title,
    createdAt,
    updatedAt,
    version,
  }));
}

export async function getDraft(userId: string, id: string): Promise<Draft> {
  const doc = await findOwned(userId, id);
  if (!doc) throw notFound();
  return toDraft(doc);
}

/**
 * Creates a draft under the id the client chose. A retry of the same create (the first answer
 * was lost) finds that draft and returns it with `repeated`, instead of making a second.
 */
export async function createDraft(
  userId: string,
  { id = randomUUID(), ...fields }: Partial<DraftFields> & { id?: string },
): Promise<{ draft: Draft; repeated: boolean }> {
  const earlier = await findOwned(userId, id);
  if (earlier) return { draft: toDraft(earlier), repeated: true };
  await assertRoomFor(userId, "draft");
  try {
    const doc = await getStore().createDoc<DraftFields>({
      id,
      userId,
      kind: "draft",
      data: { title: fields.title ?? "", body: fields.body ?? "" },
    });
    return { draft: toDraft(doc), repeated: false };
  } catch (error) {
    const other =
      error instanceof AppError && error.code === "conflict" ? await findOwned(userId, id) : null;
    if (!other) throw error;
    return { draft: toDraft(other), repeated: true };
  }
}

/** Saves with If-Match; version 0 creates the draft under this id (one made offline). */
export async function updateDraft(
  userId: string,
  id: string,
  fields: DraftFields,
  expectedVersion: number,
): Promise<Draft> {
  if (!draftIdSchema.safeParse(id).success) throw notFound();
  if (expectedVersion === 0) {
    // Made offline under the client's id: the save that creates it, once. Found already (a
    // retry whose first answer was lost), it is a conflict like any other, and merges.
    const { draft, repeated } = await createDraft(userId, { id, ...fields });
    if (repeated)
      throw new AppError("version_conflict", "This draft exists already", { current: draft });
    return draft;
  }
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

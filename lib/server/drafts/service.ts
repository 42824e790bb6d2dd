import "server-only";
import { randomUUID } from "node:crypto";
import type { Author } from "@/lib/server/auth/author";
import { assertRoomFor } from "@/lib/server/persist/quota";
import { offerUndo, readUndo } from "@/lib/server/persist/undo-record";
import { getStore, type StoredDoc, type WriteOp } from "@/lib/server/store";
import type { StoredDraft } from "@/lib/shared/drafts/history";
import { draftKind } from "@/lib/shared/drafts/kind";
import {
  type Draft,
  type DraftFields,
  type DraftSummary,
  draftIdSchema,
} from "@/lib/shared/drafts/schema";
import { AppError } from "@/lib/shared/errors";
import type { SaveIntent } from "@/lib/shared/sync/types";
import { keepsBeforeSaving, keepVersionOps } from "./history";

const toDraft = (doc: StoredDoc<DraftFields>): Draft => draftKind.view(doc);

const notFound = () => new AppError("not_found", "No such draft");

/** What a save of `fields` stores: the text, and who saved it how (for its history line). */
export const savedDraft = (
  fields: DraftFields,
  author: Author | undefined,
  how: StoredDraft["how"] = "edit",
): StoredDraft => ({
  title: fields.title,
  body: fields.body,
  ...(author ? { by: author.device, session: author.session, how } : {}),
});

/** What a commit meets when another device wrote between its reads and its writes. */
const RACED: readonly string[] = ["version_conflict", "conflict", "not_found"];

const staleSave = (current: StoredDoc<DraftFields>) =>
  new AppError("version_conflict", "This was changed elsewhere since you loaded it", {
    current: toDraft(current),
  });

/** A draft of another user, a doc of another kind and a malformed id all look the same: absent. */
async function findOwned(userId: string, id: string) {
  if (!draftIdSchema.safeParse(id).success) return null;
  return getStore().getDoc<StoredDraft>(userId, "draft", id);
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
  author?: Author,
): Promise<{ draft: Draft; repeated: boolean }> {
  const earlier = await findOwned(userId, id);
  if (earlier) return { draft: toDraft(earlier), repeated: true };
  await assertRoomFor(userId, "draft");
  try {
    const doc = await getStore().createDoc<DraftFields>({
      id,
      userId,
      kind: "draft",
      data: savedDraft({ title: fields.title ?? "", body: fields.body ?? "" }, author),
    });
    return { draft: toDraft(doc), repeated: false };
  } catch (error) {
    const other =
      error instanceof AppError && error.code === "conflict" ? await findOwned(userId, id) : null;
    if (!other) throw error;
    return { draft: toDraft(other), repeated: true };
  }
}

/**
 * Saves with If-Match; version 0 creates the draft under this id (one made offline). The
 * version saved over is kept in the draft's history in the same commit when it is worth a line
 * (lib/server/drafts/history.ts). A restore also offers every device to undo it.
 */
export async function updateDraft(
  userId: string,
  id: string,
  fields: DraftFields,
  expectedVersion: number,
  { author, intent = null }: { author?: Author; intent?: SaveIntent | null } = {},
): Promise<Draft> {
  if (!draftIdSchema.safeParse(id).success) throw notFound();
  if (expectedVersion === 0) {
    // Made offline under the client's id: the save that creates it, once. Found already (a
    // retry whose first answer was lost), it is a conflict like any other, and merges.
    const { draft, repeated } = await createDraft(userId, { id, ...fields }, author);
    if (repeated)
      throw new AppError("version_conflict", "This draft exists already", { current: draft });
    return draft;
  }
  for (let attempt = 0; ; attempt++) {
    const [current, undo] = await Promise.all([
      findOwned(userId, id),
      intent === "restore" ? readUndo(userId) : null,
    ]);
    if (!current) throw notFound();
    if (current.version !== expectedVersion) throw staleSave(current);
    // The last attempt saves without keeping: a save must never fail for its history's sake.
    const keep =
      attempt < 2 &&
      author !== undefined &&
      keepsBeforeSaving(current, { author, intent, now: Date.now() });
    const ops: WriteOp[] = keep ? await keepVersionOps(userId, current) : [];
    if (keep && intent === "restore" && author) {
      const action = {
        type: "revert-draft" as const,
        draftId: id,
        replaced: current.version,
        restored: current.version + 1,
        title: fields.title,
      };
      ops.push(offerUndo(undo, action, author.device));
    }
    ops.push({
      op: "replace",
      kind: "draft",
      id,
      data: savedDraft(fields, author, intent ?? "edit"),
      expectedVersion,
    });
    try {
      const written = await getStore().commit(userId, ops);
      return toDraft(written.at(-1) as StoredDoc<DraftFields>);
    } catch (error) {
      if (!(error instanceof AppError) || !RACED.includes(error.code)) throw error;
      // Besides the draft, an old version another save pruned first, or an undo record it
      // replaced: read again. The draft itself changed: the client merges against it.
      if (attempt < 2 && ops.length > 1) continue;
      const latest = await findOwned(userId, id);
      if (!latest) throw notFound();
      throw staleSave(latest);
    }
  }
}

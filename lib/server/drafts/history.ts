import "server-only";
import type { Author } from "@/lib/server/auth/author";
import { env } from "@/lib/server/env";
import { getStore, type StoredDoc, type WriteOp } from "@/lib/server/store";
import {
  type HistoryEntry,
  historyEntry,
  type KeptVersion,
  preview,
  type StoredDraft,
} from "@/lib/shared/drafts/history";
import { draftIdSchema } from "@/lib/shared/drafts/schema";
import type { TrashedDraft } from "@/lib/shared/drafts/trash";
import { AppError } from "@/lib/shared/errors";
import type { SaveIntent } from "@/lib/shared/sync/types";
import { versionsToDrop } from "./history-budget";

/** Old versions deleted per save at most (a Cosmos DB batch holds 100 operations). */
const PRUNE_PER_COMMIT = 40;

/** One kept version per draft and version: keeping it twice is a conflict, not a duplicate. */
const keptId = (draftId: string, version: number) => `${draftId}.v${version}`;

/** What History lists, without bodies: the preview is kept beside each. */
const LIST_FIELDS = ["draftId", "version", "title", "preview", "savedAt", "by", "how", "bytes"];

type Listed = Omit<KeptVersion, "body">;

/**
 * Whether saving over `current` keeps it in the history first: before a merge or a restore;
 * a merged or restored version (it gets its own line); another device's version; and one
 * whose typing paused (nothing saved over it for HANDOFF_HISTORY_PAUSE_MS, 30 s). So an hour of typing
 * leaves one version per pause, not one per keystroke. An empty draft is not worth a line.
 */
export function keepsBeforeSaving(
  current: StoredDoc<StoredDraft>,
  { author, intent, now }: { author: Author; intent: SaveIntent | null; now: number },
): boolean {
  if (!current.data.title && !current.data.body) return false;
  return (
    intent !== null ||
    (current.data.how ?? "edit") !== "edit" ||
    (current.data.session !== undefined && current.data.session !== author.session) ||
    now - Date.parse(current.updatedAt) >= env.HANDOFF_HISTORY_PAUSE_MS
  );
}

/**
 * The writes that keep `current` in the history, and make room for it within the user's
 * budget (HANDOFF_HISTORY_MAX_VERSIONS, HANDOFF_HISTORY_MAX_BYTES), to go in the commit that
 * saves over it.
 */
export async function keepVersionOps(
  userId: string,
  current: StoredDoc<StoredDraft>,
): Promise<WriteOp[]> {
  const store = getStore();
  const { title, body, by, how } = current.data;
  const kept: Omit<KeptVersion, "bytes"> = {
    draftId: current.id,
    version: current.version,
    title,
    body,
    preview: preview(body),
    savedAt: current.updatedAt,
    by: by ?? "a device",
    how: how ?? "edit",
  };
  const bytes = Buffer.byteLength(JSON.stringify(kept)) + 32;
  const [listed, live] = await Promise.all([
    store.listDocs<Listed>(userId, "history", {
      fields: ["draftId", "version", "savedAt", "bytes"],
    }),
    draftsWithHistory(userId),
  ]);
  const drop = versionsToDrop(
    listed.map((doc) => ({
      id: doc.id,
      draftId: doc.data.draftId,
      version: doc.data.version,
      savedAt: Date.parse(doc.data.savedAt),
      bytes: doc.data.bytes,
    })),
    { bytes },
    {
      now: Date.now(),
      budget: {
        maxBytes: env.HANDOFF_HISTORY_MAX_BYTES,
        maxVersions: env.HANDOFF_HISTORY_MAX_VERSIONS,
      },
      drafts: live,
    },
  );
  // More to drop than one commit takes (a budget lowered): the rest goes with later saves.
  return [
    {
      op: "create",
      kind: "history",
      id: keptId(current.id, current.version),
      data: { ...kept, bytes },
    },
    ...drop
      .slice(0, PRUNE_PER_COMMIT)
      .map((id) => ({ op: "delete" as const, kind: "history" as const, id })),
  ];
}

const notFound = () => new AppError("not_found", "No such version of this draft");

/** A draft's kept versions, newest first. A draft that is not the user's has none to show. */
export async function listHistory(userId: string, draftId: string): Promise<HistoryEntry[]> {
  if (!draftIdSchema.safeParse(draftId).success) throw notFound();
  const store = getStore();
  const [draft, listed] = await Promise.all([
    store.getDoc(userId, "draft", draftId),
    store.listDocs<Listed>(userId, "history", { fields: LIST_FIELDS }),
  ]);
  if (!draft) throw new AppError("not_found", "No such draft");
  return listed
    .filter((doc) => doc.data.draftId === draftId)
    .map((doc) => historyEntry(doc.data))
    .sort((a, b) => b.version - a.version);
}

/** One kept version, whole. */
export async function readVersion(
  userId: string,
  draftId: string,
  version: number,
): Promise<KeptVersion | null> {
  if (!draftIdSchema.safeParse(draftId).success || !Number.isSafeInteger(version)) return null;
  const doc = await getStore().getDoc<KeptVersion>(userId, "history", keptId(draftId, version));
  return doc?.data ?? null;
}

export async function getVersion(userId: string, draftId: string, version: number) {
  const kept = await readVersion(userId, draftId, version);
  if (!kept) throw notFound();
  const { bytes: _bytes, draftId: _draftId, preview: _preview, ...shown } = kept;
  return shown;
}

/** The drafts whose history is kept: drafts, and drafts in the Trash (restored with it). */
async function draftsWithHistory(userId: string): Promise<Set<string>> {
  const store = getStore();
  const [drafts, trash] = await Promise.all([
    store.listDocs(userId, "draft", { fields: [] }),
    store.listDocs<Pick<TrashedDraft, "draftId">>(userId, "trash", { fields: ["draftId"] }),
  ]);
  return new Set([...drafts.map((d) => d.id), ...trash.map((t) => t.data.draftId)]);
}

/**
 * Drops the history of drafts deleted for good (unless a draft of that id is back, or still in
 * the Trash). Safe to repeat; what is gone already stays so.
 */
export async function forgetHistory(userId: string, draftIds: readonly string[]): Promise<void> {
  if (draftIds.length === 0) return;
  const store = getStore();
  const [listed, kept] = await Promise.all([
    store.listDocs<Listed>(userId, "history", { fields: ["draftId"] }),
    draftsWithHistory(userId),
  ]);
  const gone = new Set(draftIds.filter((id) => !kept.has(id)));
  const ids = listed.filter((doc) => gone.has(doc.data.draftId)).map((doc) => doc.id);
  for (let start = 0; start < ids.length; start += PRUNE_PER_COMMIT) {
    const batch = ids.slice(start, start + PRUNE_PER_COMMIT);
    try {
      await store.commit(
        userId,
        batch.map((id) => ({ op: "delete" as const, kind: "history" as const, id })),
      );
    } catch (error) {
      // Another device dropped one meanwhile: one by one.
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      for (const id of batch) await store.deleteDoc(userId, "history", id);
    }
  }
}

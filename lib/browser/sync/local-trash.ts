import { ApiClientError } from "@/lib/browser/http/client";
import { draftKind } from "@/lib/shared/drafts/kind";
import {
  putBackAs,
  TRASH_URL,
  type TrashEntry,
  type TrashedDraft,
  trashEntry,
} from "@/lib/shared/drafts/trash";
import { GUEST_TTL_MS, MAX_GUEST_DRAFTS } from "@/lib/shared/guest/limits";
import { docKey, versionTag } from "@/lib/shared/sync/kind";
import type { GuestData, LocalDoc } from "./guest-store";

/**
 * A guest's Trash, in this browser beside their drafts and answered like the server's
 * (/api/trash): a deleted draft waits GUEST_TRASH_MS, at most MAX_GUEST_DRAFTS of them (the
 * oldest goes first when it is full). Each function changes `data` inside the guest store's lock.
 */
/** As long as a guest's data itself lives unchanged (7 days), not the account's 30. */
export const GUEST_TRASH_MS = GUEST_TTL_MS;
const PREFIX = "trash:";

const entries = (data: GuestData, now: number) =>
  Object.entries(data.docs).filter(
    ([key, doc]) => key.startsWith(PREFIX) && (doc.expiresAt ?? Infinity) > now,
  );

/** Lets go of what expired, and of the oldest beyond the cap. */
function tidy(data: GuestData, now: number) {
  const kept = new Set(
    entries(data, now)
      .sort(([, a], [, b]) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, MAX_GUEST_DRAFTS)
      .map(([key]) => key),
  );
  for (const key of Object.keys(data.docs))
    if (key.startsWith(PREFIX) && !kept.has(key)) delete data.docs[key];
}

const asEntry = (doc: LocalDoc) =>
  trashEntry({ ...doc, data: doc.data as TrashedDraft, expiresAt: doc.expiresAt });

/** The list, as GET /api/trash answers it. */
export function listLocalTrash(data: GuestData, now = Date.now()) {
  const trash = entries(data, now)
    .map(([, doc]) => asEntry(doc))
    .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  return { status: 200, etag: versionTag(data.marker), body: { trash } };
}

/** Moves a guest's draft to the Trash; null when there was no such draft. */
export function trashLocalDraft(data: GuestData, id: string, now = Date.now()): TrashEntry | null {
  const key = docKey(draftKind, id);
  const draft = data.docs[key];
  if (!draft) return null;
  delete data.docs[key];
  const at = new Date(now).toISOString();
  const trashId = crypto.randomUUID();
  const kept: TrashedDraft = {
    ...(draft.data as { title: string; body: string }),
    draftId: id,
    version: draft.version,
  };
  data.docs[`${PREFIX}${trashId}`] = {
    id: trashId,
    version: 1,
    data: kept,
    createdAt: at,
    updatedAt: at,
    expiresAt: now + GUEST_TRASH_MS,
  };
  tidy(data, now);
  data.marker++;
  return asEntry(data.docs[`${PREFIX}${trashId}`] as LocalDoc);
}

/** Puts a deleted draft back (under a new id if its own is taken again); its view. */
export function restoreLocalDraft(data: GuestData, trashId: string, now = Date.now()) {
  const key = `${PREFIX}${trashId}`;
  const doc = data.docs[key];
  if (!doc || (doc.expiresAt ?? Infinity) <= now)
    throw new ApiClientError(404, "not_found", "No such draft in the Trash");
  const drafts = Object.keys(data.docs).filter((k) => k.startsWith(`${draftKind.name}:`));
  if (drafts.length >= MAX_GUEST_DRAFTS)
    throw new ApiClientError(
      403,
      "quota_exceeded",
      `A guest keeps at most ${MAX_GUEST_DRAFTS} drafts in this browser; delete one to put this back`,
    );
  const kept = doc.data as TrashedDraft;
  const { title, body } = kept;
  const taken = docKey(draftKind, kept.draftId) in data.docs;
  const { id, version } = putBackAs(kept, taken, () => crypto.randomUUID());
  const at = new Date(now).toISOString();
  const restored: LocalDoc = {
    id,
    version,
    data: { title, body },
    createdAt: at,
    updatedAt: at,
  };
  delete data.docs[key];
  data.docs[docKey(draftKind, id)] = restored;
  data.marker++;
  return {
    status: 200,
    etag: versionTag(restored.version),
    body: { draft: draftKind.view({ ...restored, data: { title, body } }) },
  };
}

/** Deletes one, or (no id) every, draft of the Trash for good. */
export function purgeLocalTrash(data: GuestData, trashId: string | null, only?: readonly string[]) {
  const keys = (
    trashId === null
      ? Object.keys(data.docs).filter((key) => key.startsWith(PREFIX))
      : [`${PREFIX}${trashId}`]
  ).filter((key) => key in data.docs && (!only || only.includes(key.slice(PREFIX.length))));
  for (const key of keys) delete data.docs[key];
  if (keys.length) data.marker++;
  return keys.length;
}

/** The guest's Trash routes, or null when `path` is not one. */
export function localTrashRoute(
  path: string,
  method: string,
):
  | { action: "list" }
  | { action: "empty" }
  | { action: "purge"; id: string }
  | { action: "restore"; id: string }
  | null {
  if (path === TRASH_URL) {
    if (method === "GET") return { action: "list" };
    if (method === "DELETE") return { action: "empty" };
    return null;
  }
  const match = /^\/api\/trash\/([^/]+)(\/restore)?$/.exec(path);
  if (!match?.[1]) return null;
  if (match[2]) return method === "POST" ? { action: "restore", id: match[1] } : null;
  return method === "DELETE" ? { action: "purge", id: match[1] } : null;
}

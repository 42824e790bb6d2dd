import { requireUserId } from "@/lib/server/auth/session";
import { restoreDraft } from "@/lib/server/drafts/trash";
import { ifNoneMatch, requiredIfMatchVersion } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { actionToUndo, readUndo, undoOffer } from "@/lib/server/undo/service";
import { versionTag } from "@/lib/shared/sync/kind";

/** The user's last undoable action, if it can still be undone; ETag: its record's version. */
export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  const doc = await readUndo(userId);
  const etag = versionTag(doc?.version ?? 0);
  if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  return json({ undo: undoOffer(doc) }, { headers: { ETag: etag } });
});

/**
 * Undoes the action offered at the version in If-Match, from any device of the user: 200 with
 * what was undone. 412 (with what is offered now) when something else was done or undone
 * since; 404 when it can no longer be undone.
 */
export const POST = route(async (request) => {
  const userId = await requireUserId(request);
  const expectedVersion = requiredIfMatchVersion(request);
  const { action, offer } = await actionToUndo(userId, expectedVersion);
  const draft = await restoreDraft(userId, action.trashId, { undoVersion: expectedVersion });
  return json({ undone: offer.label, draft });
});

import { authorOf } from "@/lib/server/auth/author";
import { requireUser, requireUserId } from "@/lib/server/auth/session";
import { ifNoneMatch, requiredIfMatchVersion } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { readUndo, undoOffer } from "@/lib/server/persist/undo-record";
import { undoLastAction } from "@/lib/server/undo/perform";
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
 * what was undone and the document as it is now (`draft`, `cart`, `application`). 412 (with what is offered now) when something else was done or undone
 * since; 404 when it can no longer be undone.
 */
export const POST = route(async (request) => {
  const user = await requireUser(request);
  const expectedVersion = requiredIfMatchVersion(request);
  return json(await undoLastAction(user.id, expectedVersion, authorOf(request, user)));
});

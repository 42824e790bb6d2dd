import { requireUser, requireUserId } from "@/lib/server/auth/session";
import { emptyTrash, listTrash } from "@/lib/server/drafts/trash";
import { readJson } from "@/lib/server/http/body";
import { ifNoneMatch } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { emptyTrashSchema } from "@/lib/shared/drafts/trash-schema";
import { listEtag } from "@/lib/shared/sync/kind";

/** Deleted drafts, newest first; like the drafts list, its ETag is the user's change marker. */
export const GET = route(async (request) => {
  const user = await requireUser(request);
  const etag = listEtag(user.control.marker);
  if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  const trash = await listTrash(user.id);
  return json({ trash }, { headers: { ETag: etag } });
});

/**
 * Empties the Trash for good: 200 with how many drafts went. A body `{ ids }` limits it to
 * those (what the page showed); without one, everything goes.
 */
export const DELETE = route(async (request) => {
  const userId = await requireUserId(request);
  const { ids } = request.headers.has("content-type")
    ? await readJson(request, emptyTrashSchema)
    : { ids: undefined };
  return json({ emptied: await emptyTrash(userId, ids) });
});

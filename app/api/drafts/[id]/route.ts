import { authorOf } from "@/lib/server/auth/author";
import { requireUser, requireUserId } from "@/lib/server/auth/session";
import { getDraft, updateDraft } from "@/lib/server/drafts/service";
import { trashDraft } from "@/lib/server/drafts/trash";
import { readJson } from "@/lib/server/http/body";
import { deviceName } from "@/lib/server/http/device-name";
import { ifNoneMatch, requiredIfMatchVersion } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";

import { updateDraftSchema } from "@/lib/shared/drafts/schema";
import { versionTag } from "@/lib/shared/sync/kind";
import { isSaveIntent, SAVE_INTENT_HEADER } from "@/lib/shared/sync/types";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  const draft = await getDraft(userId, (await params).id);
  const etag = versionTag(draft.version);
  if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  return json({ draft }, { headers: { ETag: etag } });
});

/**
 * Saves with If-Match. `Handoff-Save: merge | restore` says the save merges a conflict or
 * restores an earlier version: the version it replaces is kept in the history whatever the pause.
 */
export const PUT = route(async (request, { params }: Context) => {
  const user = await requireUser(request);
  const expectedVersion = requiredIfMatchVersion(request);
  const fields = await readJson(request, updateDraftSchema);
  const intent = request.headers.get(SAVE_INTENT_HEADER);
  const draft = await updateDraft(user.id, (await params).id, fields, expectedVersion, {
    author: authorOf(request, user),
    intent: isSaveIntent(intent) ? intent : null,
  });
  return json({ draft }, { headers: { ETag: versionTag(draft.version) } });
});

/**
 * Moves the draft to the Trash: 200 with its entry there; every device of the user is offered
 * to undo it (/api/undo), named by this one's User-Agent. Deleting twice, or a
 * draft that is not yours, changes nothing: 204.
 */
export const DELETE = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  const device = deviceName(request.headers.get("user-agent"));
  const trashed = await trashDraft(userId, (await params).id, device);
  return trashed ? json({ trashed }) : empty(204);
});

import { authorOf } from "@/lib/server/auth/author";
import { requireUser } from "@/lib/server/auth/session";
import { createDraft, listDrafts } from "@/lib/server/drafts/service";
import { readJson } from "@/lib/server/http/body";
import { ifNoneMatch } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { createDraftSchema } from "@/lib/shared/drafts/schema";
import { listEtag, versionTag } from "@/lib/shared/sync/kind";

/**
 * Fetched again whenever the pulse says something changed: the session check reads the user's
 * control document, whose marker is the list's ETag, so an unchanged list costs that one read
 * and a 304.
 */
export const GET = route(async (request) => {
  const user = await requireUser(request);
  const etag = listEtag(user.control.marker);
  if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  const drafts = await listDrafts(user.id);
  return json({ drafts }, { headers: { ETag: etag } });
});

/** 201 with the new draft; 200 with `repeated` when this id was created before (a retry). */
export const POST = route(async (request) => {
  const user = await requireUser(request);
  const fields = await readJson(request, createDraftSchema);
  const { draft, repeated } = await createDraft(user.id, fields, authorOf(request, user));
  return json(
    { draft, repeated },
    { status: repeated ? 200 : 201, headers: { ETag: versionTag(draft.version) } },
  );
});

import { requireUserId } from "@/lib/auth/session";
import { createDraftSchema } from "@/lib/drafts/schema";
import { createDraft, draftsMarker, listDrafts } from "@/lib/drafts/service";
import { readJson } from "@/lib/http/body";
import { docEtag, ifNoneMatch, listEtag } from "@/lib/http/etag";
import { empty, json, route } from "@/lib/http/respond";

/** Polled every second by every open page: an unchanged list costs one marker read and a 304. */
export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  if (request.headers.has("if-none-match")) {
    const etag = listEtag(await draftsMarker(userId));
    if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  }
  const { marker, drafts } = await listDrafts(userId);
  return json({ drafts }, { headers: { ETag: listEtag(marker) } });
});

export const POST = route(async (request) => {
  const userId = await requireUserId(request);
  const fields = await readJson(request, createDraftSchema);
  const draft = await createDraft(userId, fields);
  return json({ draft }, { status: 201, headers: { ETag: docEtag(draft.version) } });
});

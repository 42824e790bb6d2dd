import { requireUserId } from "@/lib/server/auth/session";
import { deleteDraft, getDraft, updateDraft } from "@/lib/server/drafts/service";
import { readJson } from "@/lib/server/http/body";
import { ifNoneMatch, requiredIfMatchVersion } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { updateDraftSchema } from "@/lib/shared/drafts/schema";
import { versionTag } from "@/lib/shared/sync/kind";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  const draft = await getDraft(userId, (await params).id);
  const etag = versionTag(draft.version);
  if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  return json({ draft }, { headers: { ETag: etag } });
});

export const PUT = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  const expectedVersion = requiredIfMatchVersion(request);
  const fields = await readJson(request, updateDraftSchema);
  const draft = await updateDraft(userId, (await params).id, fields, expectedVersion);
  return json({ draft }, { headers: { ETag: versionTag(draft.version) } });
});

export const DELETE = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  await deleteDraft(userId, (await params).id);
  return empty(204);
});

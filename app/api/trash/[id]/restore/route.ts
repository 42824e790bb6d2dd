import { requireUserId } from "@/lib/server/auth/session";
import { restoreDraft } from "@/lib/server/drafts/trash";
import { json, route } from "@/lib/server/http/respond";
import { versionTag } from "@/lib/shared/sync/kind";

type Context = { params: Promise<{ id: string }> };

/** Puts a deleted draft back among the drafts: 200 with the draft; 404 if not in the Trash. */
export const POST = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  const draft = await restoreDraft(userId, (await params).id);
  return json({ draft }, { headers: { ETag: versionTag(draft.version) } });
});

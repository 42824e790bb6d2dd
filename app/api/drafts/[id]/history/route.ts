import { requireUser } from "@/lib/server/auth/session";
import { listHistory } from "@/lib/server/drafts/history";
import { ifNoneMatch } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { listEtag } from "@/lib/shared/sync/kind";

type Context = { params: Promise<{ id: string }> };

/** The draft's earlier versions, newest first, without bodies; ETag: the user's change marker. */
export const GET = route(async (request, { params }: Context) => {
  const user = await requireUser(request);
  const etag = listEtag(user.control.marker);
  if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  const history = await listHistory(user.id, (await params).id);
  return json({ history }, { headers: { ETag: etag } });
});

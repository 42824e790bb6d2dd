import { requireUserId } from "@/lib/server/auth/session";
import { purgeTrashed } from "@/lib/server/drafts/trash";
import { empty, route } from "@/lib/server/http/respond";

type Context = { params: Promise<{ id: string }> };

/** Deletes one draft of the Trash for good; one already gone (or not yours) changes nothing. */
export const DELETE = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  await purgeTrashed(userId, (await params).id);
  return empty(204);
});

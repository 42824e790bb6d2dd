import { requireUserId } from "@/lib/server/auth/session";
import { getVersion } from "@/lib/server/drafts/history";
import { json, route } from "@/lib/server/http/respond";
import { AppError } from "@/lib/shared/errors";

type Context = { params: Promise<{ id: string; version: string }> };

/**
 * One earlier version, whole, to read before restoring it. Restoring is an ordinary save of
 * its text (PUT /api/drafts/<id> with If-Match and `Handoff-Save: restore`).
 */
export const GET = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  const { id, version } = await params;
  if (!/^\d{1,9}$/.test(version)) throw new AppError("not_found", "No such version of this draft");
  return json({ version: await getVersion(userId, id, Number(version)) });
});

import { listSubmissions } from "@/lib/server/apply/service";
import { requireUserId } from "@/lib/server/auth/session";
import { json, route } from "@/lib/server/http/respond";

export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  return json({ submissions: await listSubmissions(userId) });
});

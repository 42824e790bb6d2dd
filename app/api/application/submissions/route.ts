import { listSubmissions } from "@/lib/apply/service";
import { requireUserId } from "@/lib/auth/session";
import { json, route } from "@/lib/http/respond";

export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  return json({ submissions: await listSubmissions(userId) });
});

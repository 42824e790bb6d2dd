import { requireUserId } from "@/lib/server/auth/session";
import { json, route } from "@/lib/server/http/respond";
import { readShipping } from "@/lib/server/shipping/service";

export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  return json({ shipping: await readShipping(userId) });
});

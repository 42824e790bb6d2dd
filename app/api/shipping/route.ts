import { requireUserId } from "@/lib/auth/session";
import { json, route } from "@/lib/http/respond";
import { readShipping } from "@/lib/shipping/service";

export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  return json({ shipping: await readShipping(userId) });
});

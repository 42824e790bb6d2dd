import { requireUserId } from "@/lib/auth/session";
import { readShipping } from "@/lib/guest/shipping";
import { json, route } from "@/lib/http/respond";

export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  return json({ shipping: await readShipping(userId) });
});

import { requireUserId } from "@/lib/server/auth/session";
import { json, route } from "@/lib/server/http/respond";
import { listOrders } from "@/lib/server/shop/service";

export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  return json({ orders: await listOrders(userId) });
});

import { requireUserId } from "@/lib/auth/session";
import { json, route } from "@/lib/http/respond";
import { listOrders } from "@/lib/shop/service";

export const GET = route(async (request) => {
  const userId = await requireUserId(request);
  return json({ orders: await listOrders(userId) });
});

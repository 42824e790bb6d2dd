import { requireUserId } from "@/lib/server/auth/session";
import { json, route } from "@/lib/server/http/respond";
import { getOrder } from "@/lib/server/shop/service";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (request, { params }: Context) => {
  const userId = await requireUserId(request);
  return json({ order: await getOrder(userId, (await params).id) });
});

import { requireUserId } from "@/lib/server/auth/session";
import { requiredIfMatchVersion } from "@/lib/server/http/etag";
import { json, route } from "@/lib/server/http/respond";
import { checkout } from "@/lib/server/shop/service";
import { versionTag } from "@/lib/shared/sync/kind";

/** If-Match names the cart version the user saw; the answer is 201 (new order) or 200 (repeat). */
export const POST = route(async (request) => {
  const userId = await requireUserId(request);
  const { order, repeated, cart } = await checkout(userId, requiredIfMatchVersion(request));
  return json(
    { order, repeated, cart },
    { status: repeated ? 200 : 201, headers: { ETag: versionTag(cart.version) } },
  );
});

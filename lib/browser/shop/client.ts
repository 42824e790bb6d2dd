import type { SyncClient } from "@/lib/browser/sync/client";
import type { Cart } from "@/lib/shared/shop/cart";
import { cartKind } from "@/lib/shared/shop/kind";
import type { Order } from "@/lib/shared/shop/order";
import { type SingletonView, versionTag } from "@/lib/shared/sync/kind";

const CART_URL = cartKind.url("");

/** Places the order for the cart version the user saw; a repeat finds the same order. */
export async function checkout(client: SyncClient, cartVersion: number) {
  const { body, etag } = await client.http<{
    order: Order;
    repeated: boolean;
    cart: SingletonView<Cart>;
  }>(`${CART_URL}/checkout`, { method: "POST", headers: { "If-Match": versionTag(cartVersion) } });
  if (!body) throw new Error("The server did not return the order");
  client.remember(CART_URL, etag, { cart: body.cart });
  await client.swr.mutate("/api/orders");
  return body;
}

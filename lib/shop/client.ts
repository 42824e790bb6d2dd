import { mutate } from "swr";
import { apiFetch } from "@/lib/sync/api-client";
import { rememberResponse } from "@/lib/sync/conditional-fetcher";
import { type SingletonView, versionTag } from "@/lib/sync/kind";
import { useSyncedDoc } from "@/lib/sync/use-synced-doc";
import type { Cart } from "./cart";
import { cartKind } from "./kind";
import type { Order } from "./service";

const CART_URL = cartKind.url("");

/** The cart, editable on this device and merged with every other device's by quantities. */
export const useCart = (userId: string) => useSyncedDoc(cartKind, userId);

/** Places the order for the cart version the user saw; a repeat finds the same order. */
export async function checkout(cartVersion: number) {
  const { body, etag } = await apiFetch<{
    order: Order;
    repeated: boolean;
    cart: SingletonView<Cart>;
  }>(`${CART_URL}/checkout`, { method: "POST", headers: { "If-Match": versionTag(cartVersion) } });
  if (!body) throw new Error("The server did not return the order");
  rememberResponse(CART_URL, etag, { cart: body.cart });
  await mutate(CART_URL, { cart: body.cart }, { revalidate: false });
  await mutate("/api/orders");
  return body;
}

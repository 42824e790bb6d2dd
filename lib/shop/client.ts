import { mutate } from "swr";
import { useSingleton } from "@/lib/docs/client";
import type { SingletonView } from "@/lib/docs/types";
import { apiFetch } from "@/lib/sync/api-client";
import { rememberResponse } from "@/lib/sync/conditional-fetcher";
import { type Cart, mergeCart } from "./cart";
import type { Order } from "./service";

export const CART_URL = "/api/cart";

/** The cart, editable on this device and merged with every other device's by quantities. */
export function useCart(userId: string) {
  return useSingleton<Cart>(userId, CART_URL, "cart", { merge: mergeCart, debounceMs: 150 });
}

export async function checkout(cartVersion: number) {
  const { body, etag } = await apiFetch<{
    order: Order;
    repeated: boolean;
    cart: SingletonView<Cart>;
  }>("/api/cart/checkout", { method: "POST", headers: { "If-Match": `"v${cartVersion}"` } });
  if (!body) throw new Error("The server did not return the order");
  rememberResponse(CART_URL, etag, { cart: body.cart });
  await mutate(CART_URL, { cart: body.cart }, { revalidate: false });
  await mutate("/api/orders");
  return body;
}

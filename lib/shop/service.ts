import "server-only";
import { AppError } from "@/lib/errors";
import { createOnceFrom } from "@/lib/persist/create-once";
import type { Shipping } from "@/lib/shipping/schema";
import { readShipping } from "@/lib/shipping/service";
import { getStore, type StoredDoc } from "@/lib/store";
import { type Cart, cartLines, cartTotalCents } from "./cart";
import { cartKind } from "./kind";

interface OrderData {
  lines: Array<{ productId: string; name: string; priceCents: number; quantity: number }>;
  totalCents: number;
  shipping?: Shipping | null;
}

export interface Order extends OrderData {
  id: string;
  placedAt: string;
}

const toOrder = (doc: StoredDoc<OrderData>): Order => ({
  id: doc.id,
  placedAt: doc.createdAt,
  ...doc.data,
});

/** One cart version can become one order only: its id is derived from the version. */
const orderIdFor = (cartVersion: number) => `order-${cartVersion}`;
export const isOrderId = (id: string) => /^order-\d{1,15}$/.test(id);

/**
 * Turns the cart the user saw (`expectedVersion`) into an order and empties the cart, exactly
 * once: a second click, on this device or another, finds the order already placed and gets it
 * back instead of a second one. Prices come from the catalog, never from the client.
 */
export async function checkout(userId: string, expectedVersion: number) {
  const { doc, repeated, source } = await createOnceFrom<Cart, OrderData>(
    userId,
    cartKind,
    expectedVersion,
    {
      kind: "order",
      id: orderIdFor(expectedVersion),
      changedMessage: "Your cart changed on another device; check it and try again",
    },
    async (cart) => {
      const lines = cartLines(cart.data);
      if (lines.length === 0) throw new AppError("bad_request", "Your cart is empty");
      return {
        lines: lines.map(({ product, quantity }) => ({
          productId: product.id,
          name: product.name,
          priceCents: product.priceCents,
          quantity,
        })),
        totalCents: cartTotalCents(cart.data),
        shipping: await readShipping(userId),
      };
    },
  );
  return { order: toOrder(doc), repeated, cart: source };
}

export async function listOrders(userId: string) {
  return (await getStore().listDocs<OrderData>(userId, "order")).map(toOrder);
}

export async function getOrder(userId: string, id: string) {
  const doc = isOrderId(id) ? await getStore().getDoc<OrderData>(userId, "order", id) : null;
  if (!doc) throw new AppError("not_found", "No such order");
  return toOrder(doc);
}

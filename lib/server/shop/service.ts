import "server-only";
import { createOnceFrom } from "@/lib/server/persist/create-once";
import { readShipping } from "@/lib/server/shipping/service";
import { getStore, type StoredDoc } from "@/lib/server/store";
import { AppError } from "@/lib/shared/errors";
import { type Cart, cartLines, cartTotalCents } from "@/lib/shared/shop/cart";
import { cartKind } from "@/lib/shared/shop/kind";

import type { Order, OrderData } from "@/lib/shared/shop/order";

export type { Order };

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

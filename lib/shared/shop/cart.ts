import { findProduct } from "./catalog";

export const MAX_QUANTITY = 99;

/**
 * A cart is a flat record: product id -> quantity. A removed line stays as 0, so a three-way
 * merge can tell "removed here" from "never added".
 */
export type Cart = Record<string, number>;

export const cartLines = (cart: Cart) =>
  Object.entries(cart)
    .filter(([id, quantity]) => quantity > 0 && findProduct(id))
    .map(([id, quantity]) => ({
      product: findProduct(id) as NonNullable<ReturnType<typeof findProduct>>,
      quantity,
    }));

export const cartCount = (cart: Cart) =>
  cartLines(cart).reduce((sum, line) => sum + line.quantity, 0);

export const cartTotalCents = (cart: Cart) =>
  cartLines(cart).reduce((sum, line) => sum + line.product.priceCents * line.quantity, 0);

/**
 * Merge rule of the cart: quantities are counters. Each side's change against the common base
 * is applied to the other's, so two devices that each add one mug end with two mugs.
 */
export function mergeCart(base: Cart, mine: Cart, theirs: Cart): { data: Cart; conflicts: [] } {
  const merged: Cart = { ...theirs };
  for (const id of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    const delta = (mine[id] ?? 0) - (base[id] ?? 0);
    const quantity = (theirs[id] ?? 0) + delta;
    merged[id] = Math.max(0, Math.min(MAX_QUANTITY, quantity));
  }
  return { data: merged, conflicts: [] };
}

/** "removed Enamel mug": the lines a save of the cart takes out, for the offer to undo it. */
export function describeCartLoss(before: Cart, after: Cart): string | null {
  const removed = cartLines(before).filter(({ product }) => !((after[product.id] ?? 0) > 0));
  const [first] = removed;
  if (!first) return null;
  return removed.length === 1 ? `removed ${first.product.name}` : `removed ${removed.length} items`;
}

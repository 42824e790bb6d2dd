"use client";

import { useDocPoll } from "@/lib/browser/sync/use-synced-doc";
import { cartCount } from "@/lib/shared/shop/cart";
import { cartKind } from "@/lib/shared/shop/kind";

/** The number of items in the cart, as every device (or every tab, for a guest) sees it. */
export function CartBadge() {
  const { data } = useDocPoll(cartKind);
  const count = data?.cart ? cartCount(data.cart.data) : 0;
  if (count === 0) return null;
  return (
    <span className="badge" data-testid="cart-badge">
      {count}
      <span className="visually-hidden"> in cart</span>
    </span>
  );
}

"use client";

import { useGuest } from "@/lib/guest/store";
import { cartCount } from "@/lib/shop/cart";
import { cartKind } from "@/lib/shop/kind";
import { useDocPoll } from "@/lib/sync/use-synced-doc";

/** The number of items in the cart: polled for a user, so every device agrees; local for a guest. */
export function CartBadge({ guest }: { guest: boolean }) {
  return guest ? <GuestBadge /> : <UserBadge />;
}

function UserBadge() {
  const { data } = useDocPoll(cartKind);
  return <Badge count={data?.cart ? cartCount(data.cart.data) : 0} />;
}

function GuestBadge() {
  return <Badge count={cartCount(useGuest((state) => state.cart))} />;
}

function Badge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="badge" data-testid="cart-badge">
      {count}
      <span className="visually-hidden"> in cart</span>
    </span>
  );
}

"use client";

import { useSingletonPoll } from "@/lib/docs/client";
import { type Cart, cartCount } from "@/lib/shop/cart";

/** The number of items in the cart, polled like everything else, so every device agrees. */
export function CartBadge() {
  const { data } = useSingletonPoll<Cart>("/api/cart");
  const count = data?.cart ? cartCount(data.cart.data) : 0;
  if (count === 0) return null;
  return (
    <span className="badge" data-testid="cart-badge">
      {count}
      <span className="visually-hidden"> in cart</span>
    </span>
  );
}

"use client";

import Link from "next/link";
import { useState } from "react";
import { SaveStatus } from "@/components/drafts/save-status";
import { useUserId } from "@/components/session/signed-in-shell";
import { type Cart, cartLines, cartTotalCents, MAX_QUANTITY } from "@/lib/shop/cart";
import { formatPrice } from "@/lib/shop/catalog";
import { checkout, useCart } from "@/lib/shop/client";
import { ApiClientError } from "@/lib/sync/api-client";

export function CartPage() {
  const { sync, snapshot } = useCart(useUserId());
  const [placing, setPlacing] = useState(false);
  const [result, setResult] = useState<{
    kind: "ok" | "error";
    text: string;
    orderId?: string;
  } | null>(null);

  if (!sync || !snapshot) return <p className="empty page">Loading your cart…</p>;
  const cart: Cart = snapshot.data;
  const lines = cartLines(cart);

  const onCheckout = async () => {
    setPlacing(true);
    setResult(null);
    try {
      await sync.flush();
      const { order, repeated } = await checkout(sync.getSnapshot().version);
      setResult({
        kind: "ok",
        orderId: order.id,
        text: repeated
          ? "This order was already placed (from another click or device)."
          : "Order placed.",
      });
    } catch (error) {
      const conflict = error instanceof ApiClientError && error.status === 412;
      setResult({ kind: "error", text: (error as Error).message });
      if (conflict) sync.flush();
    } finally {
      setPlacing(false);
    }
  };

  return (
    <section className="page">
      <h1>Cart</h1>
      <SaveStatus status={snapshot.status} />
      {result && (
        <p role="alert" className={result.kind === "ok" ? "success" : "error"}>
          {result.text} {result.orderId && <Link href="/orders">See your orders</Link>}
        </p>
      )}
      {lines.length === 0 ? (
        <p className="empty">
          Your cart is empty. <Link href="/shop">Browse the shop</Link>
        </p>
      ) : (
        <>
          <ul className="cart-lines" aria-label="Cart">
            {lines.map(({ product, quantity }) => (
              <li key={product.id} className="cart-line">
                <span className="cart-name">{product.name}</span>
                <label className="quantity">
                  <span className="visually-hidden">Quantity of {product.name}</span>
                  <input
                    type="number"
                    min={0}
                    max={MAX_QUANTITY}
                    value={quantity}
                    onChange={(event) => {
                      const next = Math.max(
                        0,
                        Math.min(MAX_QUANTITY, Math.floor(Number(event.target.value) || 0)),
                      );
                      sync.edit({ [product.id]: next });
                    }}
                  />
                </label>
                <span className="price">{formatPrice(product.priceCents * quantity)}</span>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => sync.edit({ [product.id]: 0 })}
                  aria-label={`Remove ${product.name}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <p className="total">
            Total <strong data-testid="cart-total">{formatPrice(cartTotalCents(cart))}</strong>
          </p>
          <button type="button" className="primary" onClick={onCheckout} disabled={placing}>
            {placing ? "Placing order…" : "Check out"}
          </button>
        </>
      )}
    </section>
  );
}

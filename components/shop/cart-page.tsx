"use client";

import Link from "next/link";
import { useState } from "react";
import { SaveStatus } from "@/components/sync/save-status";
import { ApiClientError } from "@/lib/browser/http/client";
import { checkout } from "@/lib/browser/shop/client";
import { useIsGuest, useSyncClient } from "@/lib/browser/sync/context";
import { cartLines, cartTotalCents, MAX_QUANTITY } from "@/lib/shared/shop/cart";
import { formatPrice } from "@/lib/shared/shop/catalog";
import { SealedShipping } from "./sealed-shipping";
import { useCart } from "./use-cart";

type CartSource = ReturnType<typeof useCart>;

/** The cart; a signed-in user checks out here, a guest is asked to sign in first. */
export function CartPage() {
  const source = useCart();
  const guest = useIsGuest();
  if (!source.cart) return <p className="empty page">Loading your cart…</p>;
  const lines = cartLines(source.cart);
  return (
    <section className="page">
      <h1>Cart</h1>
      <SaveStatus status={source.status} />
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
                      source.edit({ [product.id]: next });
                    }}
                  />
                </label>
                <span className="price">{formatPrice(product.priceCents * quantity)}</span>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => source.edit({ [product.id]: 0 })}
                  aria-label={`Remove ${product.name}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <p className="total">
            Total{" "}
            <strong data-testid="cart-total">{formatPrice(cartTotalCents(source.cart))}</strong>
          </p>
        </>
      )}
      {guest ? (
        <>
          <p className="hint">
            <Link href="/signin">Sign in or create an account</Link> to check out: your cart comes
            with you.
          </p>
          <SealedShipping />
        </>
      ) : (
        <CheckoutButton source={source} />
      )}
    </section>
  );
}

function CheckoutButton({ source }: { source: CartSource }) {
  const client = useSyncClient();
  const [placing, setPlacing] = useState(false);
  const [result, setResult] = useState<{
    kind: "ok" | "error";
    text: string;
    orderId?: string;
  } | null>(null);
  const { sync } = source;
  const empty = !source.cart || cartLines(source.cart).length === 0;

  const onCheckout = async () => {
    if (!sync) return;
    setPlacing(true);
    setResult(null);
    try {
      await sync.flush();
      const { order, repeated } = await checkout(client, sync.getSnapshot().version);
      setResult({
        kind: "ok",
        orderId: order.id,
        text: repeated
          ? "This order was already placed (from another click or device)."
          : "Order placed.",
      });
    } catch (error) {
      setResult({ kind: "error", text: (error as Error).message });
      if (error instanceof ApiClientError && error.status === 412) void sync.flush();
    } finally {
      setPlacing(false);
    }
  };

  return (
    <>
      {result && (
        <p role="alert" className={result.kind === "ok" ? "success" : "error"}>
          {result.text} {result.orderId && <Link href="/orders">See your orders</Link>}
        </p>
      )}
      {!empty && (
        <button type="button" className="primary" onClick={onCheckout} disabled={placing || !sync}>
          {placing ? "Placing order…" : "Check out"}
        </button>
      )}
    </>
  );
}

"use client";

import Image from "next/image";
import { useUserId } from "@/components/session/signed-in-shell";
import { MAX_QUANTITY } from "@/lib/shop/cart";
import { CATALOG, formatPrice } from "@/lib/shop/catalog";
import { useCart } from "@/lib/shop/client";

export function ShopPage() {
  const { sync, snapshot } = useCart(useUserId());
  const add = (id: string) => {
    if (!sync || !snapshot) return;
    sync.edit({ [id]: Math.min(MAX_QUANTITY, (snapshot.data[id] ?? 0) + 1) });
  };
  return (
    <section className="page">
      <h1>Shop</h1>
      <p className="hint">Add things here, check out on another device: the cart follows you.</p>
      <ul className="products">
        {CATALOG.map((product) => {
          const inCart = snapshot?.data[product.id] ?? 0;
          return (
            <li key={product.id} className="card product">
              <Image src={`/products/${product.id}.svg`} alt="" width={240} height={180} />
              <h2>{product.name}</h2>
              <p className="hint">{product.blurb}</p>
              <p className="price">{formatPrice(product.priceCents)}</p>
              <button
                type="button"
                className="primary"
                disabled={!sync}
                onClick={() => add(product.id)}
                aria-label={`Add ${product.name} to cart`}
              >
                Add to cart{inCart > 0 ? ` (${inCart})` : ""}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

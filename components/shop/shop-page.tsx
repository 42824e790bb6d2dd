"use client";

import { useWorkspace } from "@/lib/browser/device/workspace-store";
import { MAX_QUANTITY } from "@/lib/shared/shop/cart";
import { CATALOG, formatPrice } from "@/lib/shared/shop/catalog";
import { useCart } from "./use-cart";

export function ShopPage() {
  const source = useCart();
  const search = useWorkspace((state) => state.shopSearch);
  const setSearch = useWorkspace((state) => state.setShopSearch);
  const query = search.trim().toLowerCase();
  const products = CATALOG.filter(
    (p) => !query || `${p.name} ${p.blurb}`.toLowerCase().includes(query),
  );
  const add = (id: string) => {
    if (!source.cart) return;
    source.edit({ [id]: Math.min(MAX_QUANTITY, (source.cart[id] ?? 0) + 1) });
  };
  return (
    <section className="page">
      <h1>Shop</h1>
      <p className="hint">Add things here, check out on another device: the cart follows you.</p>
      <label htmlFor="shop-search">Search</label>
      <input
        id="shop-search"
        type="search"
        value={search}
        placeholder="mug, cable, socks…"
        onChange={(event) => setSearch(event.target.value)}
      />
      {products.length === 0 && <p className="empty">Nothing matches “{search}”.</p>}
      <ul className="products">
        {products.map((product) => {
          const inCart = source.cart?.[product.id] ?? 0;
          return (
            <li key={product.id} className="card product">
              {/* A plain img: next/image leaves SVGs as they are, and its 4 KB of script were
                  the only thing making this page heavier than the others. */}
              <img
                src={`/products/${product.id}.svg`}
                alt=""
                width={240}
                height={180}
                loading="lazy"
                decoding="async"
              />
              <h2>{product.name}</h2>
              <p className="hint">{product.blurb}</p>
              <p className="price">{formatPrice(product.priceCents)}</p>
              <button
                type="button"
                className="primary"
                disabled={!source.cart}
                onClick={() => add(product.id)}
              >
                {/* The name says which product; what is shown stays in it (WCAG 2.5.3). */}
                Add<span className="visually-hidden"> {product.name}</span> to cart
                {inCart > 0 ? ` (${inCart})` : ""}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

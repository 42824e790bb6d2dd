"use client";

import Link from "next/link";
import useSWR from "swr";
import type { ApiClientError } from "@/lib/browser/http/client";
import { useIsGuest, useSyncClient } from "@/lib/browser/sync/context";
import { pollingConfig } from "@/lib/browser/sync/polling";
import { formatPrice } from "@/lib/shared/shop/catalog";
import type { Order } from "@/lib/shared/shop/order";

const time = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function OrdersPage() {
  if (useIsGuest()) {
    return (
      <section className="page">
        <h1>Orders</h1>
        <p className="empty">
          <Link href="/signin">Sign in</Link> to check out and see your orders.
        </p>
      </section>
    );
  }
  return <UserOrders />;
}

function UserOrders() {
  const { data, error } = useSWR<{ orders: Order[] }, ApiClientError>(
    "/api/orders",
    useSyncClient().fetcher,
    pollingConfig,
  );
  return (
    <section className="page">
      <h1>Orders</h1>
      {error ? (
        <p role="alert" className="error">
          Could not load your orders: {error.message}
        </p>
      ) : !data ? (
        <p className="empty">Loading orders…</p>
      ) : data.orders.length === 0 ? (
        <p className="empty">No orders yet.</p>
      ) : (
        <ul className="orders" aria-label="Orders">
          {data.orders.map((order) => (
            <li key={order.id} className="card">
              <h2>
                Order of{" "}
                <time dateTime={order.placedAt}>{time.format(new Date(order.placedAt))}</time>
              </h2>
              <ul>
                {order.lines.map((line) => (
                  <li key={line.productId}>
                    {line.quantity} × {line.name}, {formatPrice(line.priceCents * line.quantity)}
                  </li>
                ))}
              </ul>
              <p className="total">Total {formatPrice(order.totalCents)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

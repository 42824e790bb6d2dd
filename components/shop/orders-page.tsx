"use client";

import Link from "next/link";
import useSWR from "swr";
import { useMode } from "@/components/session/mode";
import { formatPrice } from "@/lib/shop/catalog";
import type { Order } from "@/lib/shop/service";
import type { ApiClientError } from "@/lib/sync/api-client";
import { conditionalFetch } from "@/lib/sync/conditional-fetcher";
import { pollingConfig } from "@/lib/sync/polling";

const time = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function OrdersPage() {
  if (useMode().kind === "guest") {
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
    conditionalFetch,
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

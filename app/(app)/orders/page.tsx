import type { Metadata } from "next";
import { OrdersPage } from "@/components/shop/orders-page";

export const metadata: Metadata = { title: "Orders · Handoff" };

export default function Page() {
  return <OrdersPage />;
}

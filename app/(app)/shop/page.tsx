import type { Metadata } from "next";
import { ShopPage } from "@/components/shop/shop-page";

export const metadata: Metadata = { title: "Shop · Handoff" };

export default function Page() {
  return <ShopPage />;
}

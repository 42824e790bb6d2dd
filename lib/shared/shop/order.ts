import type { Shipping } from "@/lib/shared/shipping/schema";

/** What an order holds: the cart's lines at the prices of the day, and where it goes. */
export interface OrderData {
  lines: Array<{ productId: string; name: string; priceCents: number; quantity: number }>;
  totalCents: number;
  shipping?: Shipping | null;
}

/** An order as the API sends it. */
export interface Order extends OrderData {
  id: string;
  placedAt: string;
}

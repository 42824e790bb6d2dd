import { singletonKind } from "@/lib/shared/sync/kind";
import { type Cart, mergeCart } from "./cart";

/** The cart: one per user, quantities merged as counters, saved soon after each click. */
export const cartKind = singletonKind<Cart>({
  name: "cart",
  path: "/api/cart",
  stored: { kind: "cart", id: "cart" },
  empty: {},
  schema: () => import("./cart-schema").then((module) => module.cartSchema),
  merge: mergeCart,
  debounceMs: 150,
  describeLoss: () => import("./cart").then((module) => module.describeCartLoss),
});

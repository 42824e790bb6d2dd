import { z } from "zod";
import { type Cart, MAX_QUANTITY } from "./cart";
import { findProduct } from "./catalog";

export const cartSchema: z.ZodType<Cart> = z.record(
  z.string().refine((id) => findProduct(id) !== undefined, "Unknown product"),
  z.int().min(0).max(MAX_QUANTITY, `at most ${MAX_QUANTITY} of one product`),
);

import { z } from "zod";

export const shippingSchema = z
  .object({
    name: z.string().trim().min(2, "Enter the recipient's name").max(120),
    street: z.string().trim().min(3, "Enter the street address").max(200),
    city: z.string().trim().min(2, "Enter the city").max(100),
    postcode: z.string().trim().min(2, "Enter the postcode").max(20),
  })
  .strict();

export type Shipping = z.infer<typeof shippingSchema>;

import "server-only";
import { readSingleton, type SingletonDef } from "@/lib/docs/singleton";
import { AppError } from "@/lib/errors";
import { seal, unseal } from "./seal";
import { type Shipping, shippingSchema } from "./shipping-schema";
import { GUEST_TTL_MS } from "./ttl";

const PURPOSE = "handoff:shipping:v1";

export const sealShipping = (shipping: Shipping) => seal(shipping, PURPOSE, GUEST_TTL_MS);

export function unsealShipping(token: string): Shipping {
  const parsed = shippingSchema.safeParse(unseal(token, PURPOSE));
  if (!parsed.success)
    throw new AppError("bad_request", "The sealed shipping details are not valid");
  return parsed.data;
}

export const shippingDef: SingletonDef<Shipping | null> = {
  kind: "settings",
  id: "shipping",
  empty: null,
  schema: shippingSchema.nullable(),
};

export const readShipping = async (userId: string) =>
  (await readSingleton(userId, shippingDef)).data;

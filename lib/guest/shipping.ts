import "server-only";
import { readSingleton, type SingletonDef, writeSingleton } from "@/lib/docs/singleton";
import { AppError } from "@/lib/errors";
import { seal, unseal } from "./seal";
import { type Shipping, shippingSchema } from "./shipping-schema";

const PURPOSE = "handoff:shipping:v1";

export const sealShipping = (shipping: Shipping) => seal(shipping, PURPOSE);

export function unsealShipping(token: string): Shipping {
  const parsed = shippingSchema.safeParse(unseal(token, PURPOSE));
  if (!parsed.success)
    throw new AppError("bad_request", "The sealed shipping details are not valid");
  return parsed.data;
}

const shippingDef: SingletonDef<Shipping | null> = {
  kind: "settings",
  id: "shipping",
  empty: null,
  schema: shippingSchema.nullable(),
};

export const readShipping = async (userId: string) =>
  (await readSingleton(userId, shippingDef)).data;

/** A guest's sealed shipping details become the account's when they sign in. */
export async function saveShippingFromSeal(userId: string, token: string) {
  const shipping = unsealShipping(token);
  const current = await readSingleton(userId, shippingDef);
  await writeSingleton(userId, shippingDef, shipping, current.version);
}

import "server-only";
import { AppError } from "@/lib/shared/errors";
import { GUEST_TTL_MS } from "@/lib/shared/guest/limits";
import { type Shipping, shippingSchema } from "@/lib/shared/shipping/schema";
import { seal, unseal } from "./seal";

/**
 * A guest's shipping details, sealed: their browser keeps what it cannot read, for as long as
 * the rest of the guest's data, until sign-in brings it into the account.
 */
const PURPOSE = "handoff:shipping:v1";

export const sealShipping = (shipping: Shipping) => seal(shipping, PURPOSE, GUEST_TTL_MS);

export function unsealShipping(token: string): Shipping {
  const parsed = shippingSchema.safeParse(unseal(token, PURPOSE));
  if (!parsed.success)
    throw new AppError("bad_request", "The sealed shipping details are not valid");
  return parsed.data;
}

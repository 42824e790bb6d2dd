import { sealShipping } from "@/lib/guest/shipping";
import { shippingSchema } from "@/lib/guest/shipping-schema";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/respond";

/** No session needed: guests seal their shipping details here and keep only the result. */
export const POST = route(async (request) => {
  const shipping = await readJson(request, shippingSchema);
  return json({ sealed: sealShipping(shipping) });
});

import { sealShipping } from "@/lib/guest/sealed-shipping";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/respond";
import { shippingSchema } from "@/lib/shipping/schema";

/** No session needed: guests seal their shipping details here and keep only the result. */
export const POST = route(async (request) => {
  const shipping = await readJson(request, shippingSchema);
  return json({ sealed: sealShipping(shipping) });
});

import { sealShipping } from "@/lib/server/guest/sealed-shipping";
import { readJson } from "@/lib/server/http/body";
import { json, route } from "@/lib/server/http/respond";
import { shippingSchema } from "@/lib/shared/shipping/schema";

/** No session needed: guests seal their shipping details here and keep only the result. */
export const POST = route(async (request) => {
  const shipping = await readJson(request, shippingSchema);
  return json({ sealed: sealShipping(shipping) });
});

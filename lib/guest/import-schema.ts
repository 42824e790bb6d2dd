import { z } from "zod";
import { applicationDraftSchema } from "@/lib/apply/schema";
import { draftFieldsSchema } from "@/lib/drafts/schema";
import { cartSchema } from "@/lib/shop/cart-schema";

/** What a guest's browser sends when they sign in: everything they did, to merge once. */
export const guestImportSchema = z
  .object({
    importId: z.uuid(),
    drafts: z.array(draftFieldsSchema.extend({ id: z.uuid() }).strict()).max(200),
    cart: cartSchema,
    form: applicationDraftSchema.omit({ step: true }),
    sealedShipping: z.string().max(4096).nullable(),
  })
  .strict();

export type GuestImport = z.infer<typeof guestImportSchema>;

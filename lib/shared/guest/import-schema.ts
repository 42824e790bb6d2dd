import { z } from "zod";
import { applicationDraftSchema } from "@/lib/shared/apply/schema";
import { draftFieldsSchema } from "@/lib/shared/drafts/schema";
import { cartSchema } from "@/lib/shared/shop/cart-schema";
import { MAX_GUEST_DRAFTS } from "./limits";

/** What a guest's browser sends when they sign in: everything they did, to merge once. */
export const guestImportSchema = z
  .object({
    importId: z.uuid(),
    drafts: z.array(draftFieldsSchema.extend({ id: z.uuid() }).strict()).max(MAX_GUEST_DRAFTS),
    // Earlier versions of the app sent no Trash.
    trash: z
      .array(
        draftFieldsSchema
          .extend({ id: z.uuid(), draftId: z.uuid(), deletedAt: z.iso.datetime() })
          .strict(),
      )
      .max(MAX_GUEST_DRAFTS)
      .default([]),
    cart: cartSchema,
    form: applicationDraftSchema.omit({ step: true }),
    sealedShipping: z.string().max(4096).nullable(),
  })
  .strict();

export type GuestImport = z.infer<typeof guestImportSchema>;

import { z } from "zod";

/** DELETE /api/trash: which entries to delete for good (what the page showed). */
export const emptyTrashSchema = z
  .object({
    ids: z
      .array(z.uuid({ message: "Not a Trash id" }))
      .max(5000)
      .optional(),
  })
  .strict();

import { z } from "zod";
import { credentialsSchema } from "@/lib/shared/auth/schema";
import { DELETE_CONFIRMATION } from "./confirmation";

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ message: "is required" }).min(1, "is required").max(1024),
    newPassword: credentialsSchema.shape.password,
  })
  .strict();

export const deleteAccountSchema = z
  .object({
    confirm: z.literal(DELETE_CONFIRMATION, {
      message: `must be exactly "${DELETE_CONFIRMATION}"`,
    }),
  })
  .strict();

import { z } from "zod";
import { type ApplicationDraft, PLANS } from "./fields";

export { type ApplicationDraft, EMPTY_APPLICATION, PLAN_LABELS, PLANS } from "./fields";

/**
 * The membership application while it is being filled in: every field a string or boolean,
 * saved as the user types, so any value is allowed here; the steps below validate.
 */
export const applicationDraftSchema = z
  .object({
    step: z.int().min(1).max(4),
    fullName: z.string().max(200),
    email: z.string().max(254),
    plan: z.union([z.enum(PLANS), z.literal("")]),
    startDate: z.string().max(10),
    motivation: z.string().max(2000),
    agree: z.boolean(),
  })
  .strict() satisfies z.ZodType<ApplicationDraft>;

export { applicationErrors, STEPS, stepErrors } from "./steps";

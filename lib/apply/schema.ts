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

/** What each step demands before the next one opens; all of them before submitting. */
export const STEPS = [
  {
    title: "About you",
    schema: z.object({
      fullName: z.string().trim().min(2, "Enter your full name"),
      email: z.email("Enter an email address like name@example.com"),
    }),
  },
  {
    title: "Membership",
    schema: z.object({
      plan: z.enum(PLANS, { message: "Choose a plan" }),
      startDate: z.iso.date({ message: "Choose a start date" }),
    }),
  },
  {
    title: "Why Handoff",
    schema: z.object({
      motivation: z.string().trim().min(20, "Tell us a little more (20 characters or more)"),
      agree: z.literal(true, { message: "Accept the terms to continue" }),
    }),
  },
] as const;

export const completeApplicationSchema = STEPS[0].schema.and(STEPS[1].schema).and(STEPS[2].schema);

/** Field -> message for one step, empty when the step is complete. */
export function stepErrors(step: number, draft: ApplicationDraft): Record<string, string> {
  const definition = STEPS[step - 1];
  if (!definition) return {};
  const result = definition.schema.safeParse(draft);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

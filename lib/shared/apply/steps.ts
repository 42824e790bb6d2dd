import { type ApplicationDraft, EMPTY_APPLICATION, PLANS } from "./fields";

/**
 * What each step demands before the next one opens; all of them before submitting. The same
 * rules and messages run in the browser (per step, as the user goes) and on the server (at
 * submit). Plain functions, not a schema library: the page carries a few hundred bytes of
 * validation instead of 17 KB (zod/mini did not tree-shake below that here).
 */
type Rule = (draft: ApplicationDraft) => string | null;

// The address shape zod's z.email() accepts, so the sign-up form and this one agree.
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

function isIsoDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const STEPS: ReadonlyArray<{ title: string; rules: Record<string, Rule> }> = [
  {
    title: "About you",
    rules: {
      fullName: (d) => (d.fullName.trim().length >= 2 ? null : "Enter your full name"),
      email: (d) => (EMAIL.test(d.email) ? null : "Enter an email address like name@example.com"),
    },
  },
  {
    title: "Membership",
    rules: {
      plan: (d) => ((PLANS as readonly string[]).includes(d.plan) ? null : "Choose a plan"),
      startDate: (d) => (isIsoDate(d.startDate) ? null : "Choose a start date"),
    },
  },
  {
    title: "Why Handoff",
    rules: {
      motivation: (d) =>
        d.motivation.trim().length >= 20 ? null : "Tell us a little more (20 characters or more)",
      agree: (d) => (d.agree === true ? null : "Accept the terms to continue"),
    },
  },
];

/** Field -> message for one step, empty when the step is complete. */
export function stepErrors(step: number, draft: ApplicationDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, rule] of Object.entries(STEPS[step - 1]?.rules ?? {})) {
    const message = rule(draft);
    if (message) errors[field] = message;
  }
  return errors;
}

/** Every step's errors, as `field: message` sentences; empty when the application is complete. */
export function applicationErrors(draft: ApplicationDraft): string[] {
  return STEPS.flatMap((_, index) =>
    Object.entries(stepErrors(index + 1, draft)).map(([field, message]) => `${field}: ${message}`),
  );
}

type Answer = Exclude<keyof ApplicationDraft, "step">;
const stepFields = (step: number) => Object.keys(STEPS[step - 1]?.rules ?? {}) as Answer[];

/** Whether the user answered anything on this step. */
export const stepAnswered = (step: number, draft: ApplicationDraft) =>
  stepFields(step).some((field) => draft[field] !== EMPTY_APPLICATION[field]);

/** The edit that clears one step's answers. */
export function clearedStep(step: number): Partial<ApplicationDraft> {
  return Object.fromEntries(stepFields(step).map((field) => [field, EMPTY_APPLICATION[field]]));
}

/** "cleared “About you”": the steps a save empties, for the offer to undo it. */
export function describeApplicationLoss(
  before: ApplicationDraft,
  after: ApplicationDraft,
): string | null {
  const cleared = STEPS.filter(
    (_, index) => stepAnswered(index + 1, before) && !stepAnswered(index + 1, after),
  );
  const [first] = cleared;
  if (!first) return null;
  return cleared.length === 1 ? `cleared “${first.title}”` : `cleared ${cleared.length} steps`;
}

/** The membership application's fields and constants, without zod (see schema.ts for rules). */
export const PLANS = ["basic", "plus", "family"] as const;
export type Plan = (typeof PLANS)[number];

export const PLAN_LABELS: Record<Plan, string> = {
  basic: "Basic: one device",
  plus: "Plus: all your devices",
  family: "Family: up to five people",
};

/** The application while it is being filled in: saved as the user types, any value allowed. */
export type ApplicationDraft = {
  step: number;
  fullName: string;
  email: string;
  plan: Plan | "";
  startDate: string;
  motivation: string;
  agree: boolean;
};

export const EMPTY_APPLICATION: ApplicationDraft = {
  step: 1,
  fullName: "",
  email: "",
  plan: "",
  startDate: "",
  motivation: "",
  agree: false,
};

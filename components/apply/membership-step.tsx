import { PLAN_LABELS, PLANS } from "@/lib/apply/fields";
import { FieldError, invalid, type StepProps } from "./step-props";

export function MembershipStep({ form, set, errors }: StepProps) {
  return (
    <>
      <fieldset className="plans" {...invalid(errors, "plan")}>
        <legend>Plan</legend>
        {PLANS.map((plan) => (
          <label key={plan} className="radio">
            <input
              type="radio"
              name="plan"
              value={plan}
              checked={form.plan === plan}
              onChange={() => set({ plan })}
            />
            {PLAN_LABELS[plan]}
          </label>
        ))}
      </fieldset>
      <FieldError errors={errors} name="plan" />
      <label htmlFor="startDate">Start date</label>
      <input
        id="startDate"
        type="date"
        value={form.startDate}
        onChange={(e) => set({ startDate: e.target.value })}
        {...invalid(errors, "startDate")}
      />
      <FieldError errors={errors} name="startDate" />
    </>
  );
}

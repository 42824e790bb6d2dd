import { PLAN_LABELS, PLANS } from "@/lib/shared/apply/fields";
import { FieldError, invalid, type StepProps, TextField } from "./step-props";

export function MembershipStep(props: StepProps) {
  const { form, set, errors } = props;
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
      <TextField {...props} name="startDate" type="date" label="Start date" />
    </>
  );
}

import { FieldError, invalid, type StepProps } from "./step-props";

export function WhyStep({ form, set, errors }: StepProps) {
  return (
    <>
      <label htmlFor="motivation">Why do you want to join?</label>
      <textarea
        id="motivation"
        value={form.motivation}
        onChange={(e) => set({ motivation: e.target.value })}
        {...invalid(errors, "motivation")}
      />
      <FieldError errors={errors} name="motivation" />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.agree}
          onChange={(e) => set({ agree: e.target.checked })}
          {...invalid(errors, "agree")}
        />
        I accept the terms of membership
      </label>
      <FieldError errors={errors} name="agree" />
    </>
  );
}

import { FieldError, invalid, type StepProps, TextField } from "./step-props";

export function WhyStep(props: StepProps) {
  const { form, set, errors } = props;
  return (
    <>
      <TextField {...props} name="motivation" multiline label="Why do you want to join?" />
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

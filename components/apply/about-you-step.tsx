import { FieldError, invalid, type StepProps } from "./step-props";

export function AboutYouStep({ form, set, errors }: StepProps) {
  return (
    <>
      <label htmlFor="fullName">Full name</label>
      <input
        id="fullName"
        value={form.fullName}
        onChange={(e) => set({ fullName: e.target.value })}
        {...invalid(errors, "fullName")}
      />
      <FieldError errors={errors} name="fullName" />
      <label htmlFor="applicantEmail">Contact email</label>
      <input
        id="applicantEmail"
        type="email"
        value={form.email}
        onChange={(e) => set({ email: e.target.value })}
        {...invalid(errors, "email")}
      />
      <FieldError errors={errors} name="email" />
    </>
  );
}

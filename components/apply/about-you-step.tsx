import { type StepProps, TextField } from "./step-props";

export function AboutYouStep(props: StepProps) {
  return (
    <>
      <TextField {...props} name="fullName" label="Full name" />
      <TextField {...props} name="email" id="applicantEmail" type="email" label="Contact email" />
    </>
  );
}

import { type ApplicationDraft, PLAN_LABELS } from "@/lib/shared/apply/fields";

export function ReviewStep({ form }: { form: ApplicationDraft }) {
  return (
    <dl className="review">
      <dt>Full name</dt>
      <dd>{form.fullName}</dd>
      <dt>Contact email</dt>
      <dd>{form.email}</dd>
      <dt>Plan</dt>
      <dd>{form.plan ? PLAN_LABELS[form.plan] : ""}</dd>
      <dt>Start date</dt>
      <dd>{form.startDate}</dd>
      <dt>Why</dt>
      <dd>{form.motivation}</dd>
    </dl>
  );
}

import type { ApplicationDraft } from "@/lib/apply/fields";

/** What every step of the application gets: the answers, how to change them, their errors. */
export interface StepProps {
  form: ApplicationDraft;
  set: (patch: Partial<ApplicationDraft>) => void;
  /** Field -> message, shown once the user tried to go on. */
  errors: Record<string, string>;
}

/** The attributes that tie an invalid field to its message. */
export const invalid = (errors: Record<string, string>, name: keyof ApplicationDraft) =>
  errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};

export function FieldError({ errors, name }: { errors: Record<string, string>; name: string }) {
  if (!errors[name]) return null;
  return (
    <p id={`${name}-error`} className="error field-error">
      {errors[name]}
    </p>
  );
}

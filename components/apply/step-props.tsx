import type { ChangeEvent } from "react";
import type { ApplicationDraft } from "@/lib/shared/apply/fields";

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

type TextName = "fullName" | "email" | "startDate" | "motivation";

/** A labelled text answer with its error: an input (of `type`), or a textarea when `multiline`. */
export function TextField({
  form,
  set,
  errors,
  name,
  label,
  id = name,
  type,
  multiline = false,
}: StepProps & { name: TextName; label: string; id?: string; type?: string; multiline?: boolean }) {
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const patch: Partial<ApplicationDraft> = {};
    patch[name] = event.target.value;
    set(patch);
  };
  const field = { id, value: form[name], onChange, ...invalid(errors, name) };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...field} /> : <input type={type} {...field} />}
      <FieldError errors={errors} name={name} />
    </>
  );
}

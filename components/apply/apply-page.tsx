"use client";

import { useState } from "react";
import { SaveStatus } from "@/components/drafts/save-status";
import { useUserId } from "@/components/session/signed-in-shell";
import { type ApplicationDraft, PLAN_LABELS, PLANS, STEPS, stepErrors } from "@/lib/apply/schema";
import { useSingleton } from "@/lib/docs/client";
import { apiFetch } from "@/lib/sync/api-client";

const URL = "/api/application";

/**
 * A membership application in three steps and a review. Every field and the current step are
 * saved as the user types, so another device opens it at the same step with the same values.
 */
export function ApplyPage() {
  const { sync, snapshot } = useSingleton<ApplicationDraft>(useUserId(), URL, "application");
  const [showErrors, setShowErrors] = useState(false);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);

  if (submitted) {
    return (
      <section className="page narrow">
        <h1>Application received</h1>
        <p role="status">Thank you. Your reference is {submitted}.</p>
        <button type="button" className="primary" onClick={() => setSubmitted(null)}>
          Start a new application
        </button>
      </section>
    );
  }
  if (!sync || !snapshot) return <p className="empty page">Loading your application…</p>;

  const form = snapshot.data;
  const step = form.step;
  const errors = showErrors ? stepErrors(step, form) : {};
  const set = (patch: Partial<ApplicationDraft>) => sync.edit(patch);
  const next = () => {
    if (Object.keys(stepErrors(step, form)).length > 0) {
      setShowErrors(true);
      return;
    }
    setShowErrors(false);
    set({ step: step + 1 });
  };
  const submit = async () => {
    setSubmitError(null);
    try {
      await sync.flush();
      const { body } = await apiFetch<{ submission: { id: string } }>(`${URL}/submit`, {
        method: "POST",
        headers: { "If-Match": `"v${sync.getSnapshot().version}"` },
      });
      setSubmitted(body?.submission.id ?? "");
    } catch (error) {
      setSubmitError((error as Error).message);
    }
  };

  const field = (name: keyof ApplicationDraft) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};
  const error = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="error field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <section className="page narrow">
      <h1>Membership application</h1>
      <ol className="steps" aria-label="Steps">
        {[...STEPS.map((s) => s.title), "Review"].map((title, index) => (
          <li key={title} aria-current={index + 1 === step ? "step" : undefined}>
            {title}
          </li>
        ))}
      </ol>
      <SaveStatus status={snapshot.status} />
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          if (step < 4) next();
          else void submit();
        }}
      >
        <h2>
          Step {step} of 4: {STEPS[step - 1]?.title ?? "Review"}
        </h2>
        {step === 1 && (
          <>
            <label htmlFor="fullName">Full name</label>
            <input
              id="fullName"
              value={form.fullName}
              onChange={(e) => set({ fullName: e.target.value })}
              {...field("fullName")}
            />
            {error("fullName")}
            <label htmlFor="applicantEmail">Contact email</label>
            <input
              id="applicantEmail"
              type="email"
              value={form.email}
              onChange={(e) => set({ email: e.target.value })}
              {...field("email")}
            />
            {error("email")}
          </>
        )}
        {step === 2 && (
          <>
            <fieldset className="plans" {...field("plan")}>
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
            {error("plan")}
            <label htmlFor="startDate">Start date</label>
            <input
              id="startDate"
              type="date"
              value={form.startDate}
              onChange={(e) => set({ startDate: e.target.value })}
              {...field("startDate")}
            />
            {error("startDate")}
          </>
        )}
        {step === 3 && (
          <>
            <label htmlFor="motivation">Why do you want to join?</label>
            <textarea
              id="motivation"
              value={form.motivation}
              onChange={(e) => set({ motivation: e.target.value })}
              {...field("motivation")}
            />
            {error("motivation")}
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.agree}
                onChange={(e) => set({ agree: e.target.checked })}
                {...field("agree")}
              />
              I accept the terms of membership
            </label>
            {error("agree")}
          </>
        )}
        {step === 4 && (
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
        )}
        {submitError && (
          <p role="alert" className="error">
            {submitError}
          </p>
        )}
        <div className="actions">
          {step > 1 && (
            <button type="button" onClick={() => set({ step: step - 1 })}>
              Back
            </button>
          )}
          <button type="submit" className="primary">
            {step < 4 ? "Next" : "Submit application"}
          </button>
        </div>
      </form>
    </section>
  );
}

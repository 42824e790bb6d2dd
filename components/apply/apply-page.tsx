"use client";

import Link from "next/link";
import { useState } from "react";
import { SaveStatus } from "@/components/drafts/save-status";
import { useMode, useUserId } from "@/components/session/mode";
import { type ApplicationDraft, PLAN_LABELS, PLANS } from "@/lib/apply/fields";
import { STEPS, stepErrors } from "@/lib/apply/steps";
import { useSingleton } from "@/lib/docs/client";
import { useGuest } from "@/lib/guest/store";
import { apiFetch } from "@/lib/sync/api-client";
import type { SyncStatus } from "@/lib/sync/doc-sync";
import { useWorkspace } from "@/lib/ui/workspace-store";

const URL = "/api/application";

/** The application as the page sees it: the account's (synced) or a guest's (this browser). */
interface FormSource {
  form: ApplicationDraft | null;
  status: SyncStatus | null;
  edit: (patch: Partial<ApplicationDraft>) => void;
  /** Resolves with the submission's reference; null for a guest, who must sign in first. */
  submit: (() => Promise<string>) | null;
}

export function ApplyPage() {
  return useMode().kind === "guest" ? <GuestApply /> : <UserApply />;
}

function UserApply() {
  const { sync, snapshot } = useSingleton<ApplicationDraft>(useUserId(), URL, "application");
  return (
    <Application
      source={{
        form: snapshot?.data ?? null,
        status: snapshot?.status ?? null,
        edit: (patch) => sync?.edit(patch),
        submit: sync
          ? async () => {
              await sync.flush();
              const { body } = await apiFetch<{ submission: { id: string } }>(`${URL}/submit`, {
                method: "POST",
                headers: { "If-Match": `"v${sync.getSnapshot().version}"` },
              });
              return body?.submission.id ?? "";
            }
          : null,
      }}
    />
  );
}

const LOCAL = { kind: "local" } as const;

/** A guest's answers stay in this browser; the step is per tab (sessionStorage). */
function GuestApply() {
  const fields = useGuest((state) => state.form);
  const editForm = useGuest((state) => state.editForm);
  const step = useWorkspace((state) => state.guestStep);
  const setStep = useWorkspace((state) => state.setGuestStep);
  return (
    <Application
      source={{
        form: { ...fields, step },
        status: LOCAL,
        edit: ({ step: nextStep, ...patch }) => {
          if (nextStep !== undefined) setStep(nextStep);
          if (Object.keys(patch).length > 0) editForm(patch);
        },
        submit: null,
      }}
    />
  );
}

/**
 * A membership application in three steps and a review. Every field and the current step are
 * saved as the user types, so another device opens it at the same step with the same values.
 */
function Application({ source }: { source: FormSource }) {
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
  if (!source.form) return <p className="empty page">Loading your application…</p>;

  const form = source.form;
  const step = form.step;
  const errors = showErrors ? stepErrors(step, form) : {};
  const set = source.edit;
  const next = () => {
    if (Object.keys(stepErrors(step, form)).length > 0) {
      setShowErrors(true);
      return;
    }
    setShowErrors(false);
    set({ step: step + 1 });
  };
  const submit = async () => {
    if (!source.submit) return;
    setSubmitError(null);
    try {
      setSubmitted(await source.submit());
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
      <SaveStatus status={source.status} />
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
          {step < 4 || source.submit ? (
            <button type="submit" className="primary">
              {step < 4 ? "Next" : "Submit application"}
            </button>
          ) : (
            <Link href="/signin" className="button primary">
              Sign in to submit
            </Link>
          )}
        </div>
      </form>
    </section>
  );
}

"use client";

import Link from "next/link";
import { useState } from "react";
import { SaveStatus } from "@/components/sync/save-status";
import { useSyncClient } from "@/lib/browser/sync/context";
import type { SyncStatus } from "@/lib/browser/sync/doc-sync";
import { useSyncedDoc } from "@/lib/browser/sync/use-synced-doc";
import type { ApplicationDraft } from "@/lib/shared/apply/fields";
import { applicationKind } from "@/lib/shared/apply/kind";
import { clearedStep, STEPS, stepAnswered, stepErrors } from "@/lib/shared/apply/steps";
import { versionTag } from "@/lib/shared/sync/kind";
import { AboutYouStep } from "./about-you-step";
import { MembershipStep } from "./membership-step";
import { ReviewStep } from "./review-step";
import { WhyStep } from "./why-step";

/**
 * The application, the account's or a guest's, through the same sync engine: another device
 * (or, for a guest, another tab) opens it at the same step with the same values.
 */
export function ApplyPage() {
  const client = useSyncClient();
  const { sync, snapshot } = useSyncedDoc(applicationKind);
  return (
    <Application
      source={{
        form: snapshot?.data ?? null,
        status: snapshot?.status ?? null,
        edit: (patch) => sync?.edit(patch),
        // A guest signs in first: the answers come along.
        submit:
          sync && client.scope.kind === "user"
            ? async () => {
                await sync.flush();
                const { body } = await client.http<{ submission: { id: string } }>(
                  `${applicationKind.url("")}/submit`,
                  {
                    method: "POST",
                    headers: { "If-Match": versionTag(sync.getSnapshot().version) },
                  },
                );
                return body?.submission.id ?? "";
              }
            : null,
      }}
    />
  );
}

/** The application as the page sees it. */
interface FormSource {
  form: ApplicationDraft | null;
  status: SyncStatus | null;
  edit: (patch: Partial<ApplicationDraft>) => void;
  /** Resolves with the submission's reference; null for a guest, who must sign in first. */
  submit: (() => Promise<string>) | null;
}

/**
 * A membership application in three steps and a review. Every field and the current step are
 * saved as the user types, so another device opens it at the same step with the same values.
 */
function Application({ source }: { source: FormSource }) {
  const [showErrors, setShowErrors] = useState(false);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  /** The step whose clearing waits for confirmation (the step can change on another device). */
  const [confirmingClear, setConfirmingClear] = useState<number | null>(null);

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

  const Step = [AboutYouStep, MembershipStep, WhyStep][step - 1];

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
        {Step ? <Step form={form} set={set} errors={errors} /> : <ReviewStep form={form} />}
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
          {Step &&
            stepAnswered(step, form) &&
            (confirmingClear === step ? (
              <span className="confirm">
                <button
                  type="button"
                  className="danger"
                  // biome-ignore lint/a11y/noAutofocus: the button that replaced the one just pressed
                  autoFocus
                  onClick={() => {
                    set(clearedStep(step));
                    setConfirmingClear(null);
                    setShowErrors(false);
                  }}
                >
                  Clear answers
                </button>
                <button type="button" className="ghost" onClick={() => setConfirmingClear(null)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="ghost" onClick={() => setConfirmingClear(step)}>
                Clear this step
              </button>
            ))}
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

import "server-only";
import { createOnceFrom } from "@/lib/server/persist/create-once";
import { getStore, type StoredDoc } from "@/lib/server/store";
import { applicationKind } from "@/lib/shared/apply/kind";
import { type ApplicationDraft, applicationErrors } from "@/lib/shared/apply/schema";
import { AppError } from "@/lib/shared/errors";

export interface Submission {
  id: string;
  submittedAt: string;
  application: ApplicationDraft;
}

const toSubmission = (doc: StoredDoc<ApplicationDraft>): Submission => ({
  id: doc.id,
  submittedAt: doc.createdAt,
  application: doc.data,
});

/**
 * Submits the form version the user saw, once: the submission's id comes from that version,
 * so a second click (on any device) returns the same submission. The form then starts over
 * empty on every device.
 */
export async function submitApplication(userId: string, expectedVersion: number) {
  const { doc, repeated } = await createOnceFrom<ApplicationDraft, ApplicationDraft>(
    userId,
    applicationKind,
    expectedVersion,
    {
      kind: "submission",
      id: `submission-${expectedVersion}`,
      changedMessage: "The form changed on another device; check it and submit again",
    },
    (form) => {
      const errors = applicationErrors(form.data);
      if (errors.length) throw new AppError("validation_failed", errors.join("; "));
      return { ...form.data, step: 4 };
    },
  );
  return { submission: toSubmission(doc), repeated };
}

export async function listSubmissions(userId: string) {
  return (await getStore().listDocs<ApplicationDraft>(userId, "submission")).map(toSubmission);
}

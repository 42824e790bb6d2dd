import { singletonKind } from "@/lib/sync/kind";
import { type ApplicationDraft, applicationDraftSchema, EMPTY_APPLICATION } from "./schema";

/** The membership application while it is filled in: one per user, merged field by field. */
export const applicationKind = singletonKind<ApplicationDraft>({
  name: "application",
  path: "/api/application",
  stored: { kind: "form", id: "application" },
  empty: EMPTY_APPLICATION,
  schema: applicationDraftSchema,
});

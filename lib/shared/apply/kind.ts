import { singletonKind } from "@/lib/shared/sync/kind";
import { type ApplicationDraft, EMPTY_APPLICATION } from "./fields";

/** The membership application while it is filled in: one per user, merged field by field. */
export const applicationKind = singletonKind<ApplicationDraft>({
  name: "application",
  path: "/api/application",
  stored: { kind: "form", id: "application" },
  empty: EMPTY_APPLICATION,
  schema: () => import("./schema").then((module) => module.applicationDraftSchema),
  describeLoss: () => import("./steps").then((module) => module.describeApplicationLoss),
});

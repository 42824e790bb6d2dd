import type { SyncedKind } from "@/lib/shared/sync/kind";
import { MAX_TITLE_CHARS } from "./limits";
import type { Draft, DraftFields } from "./schema";
import { DRAFTS_URL, draftUrl } from "./urls";

const title = (fields: DraftFields) => fields.title.trim() || "Untitled";

/**
 * Drafts: many per user, each with its own URL; typing merges field by field (text three-way),
 * and what cannot be merged is kept as a new draft, the conflict copy.
 */
export const draftKind: SyncedKind<DraftFields, Draft> = {
  name: "draft",
  stores: "draft",
  empty: { title: "", body: "" },
  schema: () => import("./schema").then((module) => module.updateDraftSchema),
  url: draftUrl,
  view: ({ id, data, version, createdAt, updatedAt }) => ({
    id,
    title: data.title,
    body: data.body,
    version,
    createdAt: createdAt ?? "",
    updatedAt: updatedAt ?? "",
  }),
  versioned: (draft) => ({
    version: draft.version,
    data: { title: draft.title, body: draft.body },
  }),
  collection: {
    url: DRAFTS_URL,
    field: "drafts",
    summary: ({ body: _body, ...summary }) => summary,
    conflictCopy: (theirs) => ({
      title: `${title(theirs)} (conflict copy)`.slice(0, MAX_TITLE_CHARS),
      body: theirs.body,
    }),
    title,
  },
};

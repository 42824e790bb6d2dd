import type { SyncedKind } from "@/lib/sync/kind";
import { createDraft, rememberInList } from "./client";
import { MAX_TITLE_CHARS } from "./limits";
import type { Draft, DraftFields } from "./schema";
import { draftUrl } from "./urls";

/**
 * Drafts: many per user, each with its own URL; typing merges field by field (text three-way),
 * and what cannot be merged is kept as a new draft, the conflict copy.
 */
export const draftKind: SyncedKind<DraftFields, Draft> = {
  name: "draft",
  schema: () => import("./schema").then((module) => module.updateDraftSchema),
  url: draftUrl,
  versioned: (draft) => ({
    version: draft.version,
    data: { title: draft.title, body: draft.body },
  }),
  afterSave: rememberInList,
  async keepConflictCopy(theirs) {
    const title = `${theirs.title.trim() || "Untitled"} (conflict copy)`.slice(0, MAX_TITLE_CHARS);
    await createDraft({ title, body: theirs.body });
    return title;
  },
};

import { mutate } from "swr";
import { type ApiClientError, apiFetch } from "@/lib/sync/api-client";
import { rememberResponse } from "@/lib/sync/conditional-fetcher";
import type { SyncedKind } from "@/lib/sync/kind";
import { MAX_TITLE_CHARS } from "./limits";
import { type Draft, type DraftFields, type DraftSummary, updateDraftSchema } from "./schema";

export const DRAFTS_URL = "/api/drafts";
export const draftUrl = (id: string) => `${DRAFTS_URL}/${id}`;

/**
 * Drafts: many per user, each with its own URL; typing merges field by field (text three-way),
 * and what cannot be merged is kept as a new draft, the conflict copy.
 */
export const draftKind: SyncedKind<DraftFields, Draft> = {
  name: "draft",
  schema: updateDraftSchema,
  url: draftUrl,
  versioned: (draft) => ({
    version: draft.version,
    data: { title: draft.title, body: draft.body },
  }),
  afterSave: (draft, etag) => rememberDraft(draft, etag),
  async keepConflictCopy(theirs) {
    const title = `${theirs.title.trim() || "Untitled"} (conflict copy)`.slice(0, MAX_TITLE_CHARS);
    await createDraft({ title, body: theirs.body });
    return title;
  },
};

/** Keeps both caches in step with a draft the client now knows, without a round trip. */
function rememberDraft(draft: Draft, etag: string | null) {
  const body = { draft };
  rememberResponse(draftUrl(draft.id), etag, body);
  void mutate(draftUrl(draft.id), body, { revalidate: false });
  const { body: _text, ...summary } = draft;
  void mutate<{ drafts: DraftSummary[] }>(
    DRAFTS_URL,
    (list) =>
      list && {
        drafts: [summary, ...list.drafts.filter((d) => d.id !== draft.id)].sort((a, b) =>
          b.updatedAt.localeCompare(a.updatedAt),
        ),
      },
    { revalidate: false },
  );
}

const RETRY_DELAYS_MS = [500, 1500];

/**
 * Creates a draft under an id chosen here, so sending the same create again after a lost
 * answer (it is retried on network errors and 5xx) finds the first instead of making two.
 */
export async function createDraft(fields: Partial<DraftFields> = {}): Promise<Draft> {
  const request = { method: "POST", json: { id: crypto.randomUUID(), ...fields } };
  for (let attempt = 0; ; attempt++) {
    try {
      const { body, etag } = await apiFetch<{ draft: Draft }>(DRAFTS_URL, request);
      if (!body) throw new Error("The server did not return the new draft");
      rememberDraft(body.draft, etag);
      return body.draft;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (!(error as ApiClientError).transient || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

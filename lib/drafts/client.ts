import useSWR, { mutate } from "swr";
import { type ApiClientError, apiFetch } from "@/lib/sync/api-client";
import { conditionalFetch, forget, rememberResponse } from "@/lib/sync/conditional-fetcher";
import type { DocTransport, Versioned } from "@/lib/sync/doc-sync";
import { pollingConfig } from "@/lib/sync/polling";
import { MAX_TITLE_CHARS } from "./limits";
import type { Draft, DraftFields, DraftSummary } from "./schema";

export const DRAFTS_URL = "/api/drafts";
export const draftUrl = (id: string) => `${DRAFTS_URL}/${id}`;

export const draftVersion = (draft: Draft): Versioned<DraftFields> => ({
  version: draft.version,
  data: { title: draft.title, body: draft.body },
});

/** The list (titles and versions, no bodies), polled every second while the page is visible. */
export function useDraftList() {
  return useSWR<{ drafts: DraftSummary[] }, ApiClientError>(
    DRAFTS_URL,
    conditionalFetch,
    pollingConfig,
  );
}

/** One draft, polled every second while it is open. */
export function useDraftPoll(id: string) {
  return useSWR<{ draft: Draft }, ApiClientError>(draftUrl(id), conditionalFetch, pollingConfig);
}

/** Keeps both caches in step with a draft the client now knows, without a round trip. */
function remember(draft: Draft, etag: string | null) {
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
      remember(body.draft, etag);
      return body.draft;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (!(error as ApiClientError).transient || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function deleteDraft(id: string): Promise<void> {
  await apiFetch(draftUrl(id), { method: "DELETE" });
  forget(draftUrl(id));
  await mutate<{ drafts: DraftSummary[] }>(
    DRAFTS_URL,
    (list) => list && { drafts: list.drafts.filter((d) => d.id !== id) },
    { revalidate: true },
  );
}

export function draftTransport(id: string): DocTransport<DraftFields> {
  return {
    async save(data, baseVersion, { keepalive }) {
      const { body, etag } = await apiFetch<{ draft: Draft }>(draftUrl(id), {
        method: "PUT",
        json: data,
        keepalive,
        headers: { "If-Match": `"v${baseVersion}"` },
      });
      if (!body) throw new Error("The server did not return the saved draft");
      remember(body.draft, etag);
      return draftVersion(body.draft);
    },
    conflictCurrent(error) {
      const current = error.body.current as Draft | undefined;
      return current ? draftVersion(current) : null;
    },
    async keepConflictCopy(theirs) {
      const title = `${theirs.title.trim() || "Untitled"} (conflict copy)`.slice(
        0,
        MAX_TITLE_CHARS,
      );
      await createDraft({ title, body: theirs.body });
      return title;
    },
  };
}

import useSWR, { mutate } from "swr";
import { type ApiClientError, apiFetch } from "@/lib/sync/api-client";
import { conditionalFetch, forget, rememberResponse } from "@/lib/sync/conditional-fetcher";
import { pollingConfig } from "@/lib/sync/polling";
import type { Draft, DraftFields, DraftSummary } from "./schema";
import { DRAFTS_URL, draftUrl } from "./urls";

/** The list (titles and versions, no bodies), polled every second while the page is visible. */
export function useDraftList() {
  return useSWR<{ drafts: DraftSummary[] }, ApiClientError>(
    DRAFTS_URL,
    conditionalFetch,
    pollingConfig,
  );
}

/** Puts a draft the client now knows at the top of the list, without a round trip. */
export function rememberInList(draft: Draft) {
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
      rememberResponse(draftUrl(body.draft.id), etag, body);
      void mutate(draftUrl(body.draft.id), body, { revalidate: false });
      rememberInList(body.draft);
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

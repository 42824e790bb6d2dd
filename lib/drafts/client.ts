import useSWR, { mutate } from "swr";
import { type ApiClientError, apiFetch } from "@/lib/sync/api-client";
import { conditionalFetch, forget } from "@/lib/sync/conditional-fetcher";
import { pollingConfig } from "@/lib/sync/polling";
import { DRAFTS_URL, draftUrl } from "./kind";
import type { DraftSummary } from "./schema";

/** The list (titles and versions, no bodies), polled every second while the page is visible. */
export function useDraftList() {
  return useSWR<{ drafts: DraftSummary[] }, ApiClientError>(
    DRAFTS_URL,
    conditionalFetch,
    pollingConfig,
  );
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

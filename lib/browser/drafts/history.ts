import useSWR from "swr";
import type { ApiClientError } from "@/lib/browser/http/client";
import { useSyncClient } from "@/lib/browser/sync/context";
import { pollingConfig } from "@/lib/browser/sync/polling";
import { type HistoryEntry, historyUrl, historyVersionUrl } from "@/lib/shared/drafts/history";
import type { DraftFields } from "@/lib/shared/drafts/schema";

/** A draft's earlier versions (the account's; a guest has none), kept fresh like every list. */
export function useHistory(draftId: string) {
  const client = useSyncClient();
  return useSWR<{ history: HistoryEntry[] }, ApiClientError>(
    historyUrl(draftId),
    client.fetcher,
    pollingConfig,
  );
}

/** One earlier version, whole; a version never changes, so it is fetched once. */
export function useVersion(draftId: string, version: number | null) {
  const client = useSyncClient();
  return useSWR<{ version: DraftFields & HistoryEntry }, ApiClientError>(
    version === null ? null : historyVersionUrl(draftId, version),
    client.fetcher,
    { revalidateOnFocus: false, revalidateIfStale: false },
  );
}

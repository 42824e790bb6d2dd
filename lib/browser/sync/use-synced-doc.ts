import { useMemo } from "react";
import useSWR from "swr";
import type { ApiClientError } from "@/lib/browser/http/client";
import type { DocRecord, ListEntry, SyncedKind } from "@/lib/shared/sync/kind";
import { useSyncClient } from "./context";
import { pollingConfig } from "./polling";
import { useDocSync } from "./use-doc-sync";

/** One document of a kind as fetched (ETag, 304 when unchanged): for badges and read-only views. */
export function useDocPoll<View>(
  kind: { url(id: string): string; view(doc: DocRecord<never>): View },
  id = "",
) {
  const client = useSyncClient();
  return useSWR<Record<string, View | undefined>, ApiClientError>(
    kind.url(id),
    client.fetcher,
    pollingConfig,
  );
}

/** The list of a collection kind (drafts): summaries, newest first. */
export function useCollection<T, View, Entry extends ListEntry = ListEntry>(
  kind: SyncedKind<T, View>,
) {
  const client = useSyncClient();
  const collection = kind.collection;
  const list = useSWR<Record<string, Entry[] | undefined>, ApiClientError>(
    collection?.url ?? null,
    client.fetcher,
    pollingConfig,
  );
  return { ...list, entries: collection ? list.data?.[collection.field] : undefined };
}

/**
 * One document of a kind, fetched and editable: the sync engine (merge on 412 by the kind's
 * rule, outbox, tabs). `snapshot` is null until the first answer.
 */
export function useSyncedDoc<T extends Record<string, unknown>, View>(
  kind: SyncedKind<T, View>,
  id = "",
) {
  const poll = useDocPoll(kind, id);
  const view = poll.data?.[kind.name];
  const remote = useMemo(() => (view ? kind.versioned(view) : undefined), [kind, view]);
  const gone = poll.error?.status === 404;
  const { sync, snapshot } = useDocSync(kind, id, remote, gone);
  return { poll, gone, sync, snapshot };
}

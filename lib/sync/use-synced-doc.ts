import { useMemo } from "react";
import useSWR from "swr";
import type { ApiClientError } from "./api-client";
import { conditionalFetch } from "./conditional-fetcher";
import type { SyncedKind } from "./kind";
import { pollingConfig } from "./polling";
import { useDocSync } from "./use-doc-sync";

/** One document of a kind as polled (ETag, 304 when unchanged): for badges and read-only views. */
export function useDocPoll<View>(kind: SyncedKind<unknown, View>, id = "") {
  return useSWR<Record<string, View | undefined>, ApiClientError>(
    kind.url(id),
    conditionalFetch,
    pollingConfig,
  );
}

/**
 * One document of a kind, polled and editable: the sync engine (merge on 412 by the kind's
 * rule, outbox, tabs). `snapshot` is null until the first poll answers.
 */
export function useSyncedDoc<T extends Record<string, unknown>, View>(
  kind: SyncedKind<T, View>,
  userId: string,
  id = "",
) {
  const poll = useDocPoll(kind, id);
  const view = poll.data?.[kind.name];
  const remote = useMemo(() => (view ? kind.versioned(view) : undefined), [kind, view]);
  const gone = poll.error?.status === 404;
  const { sync, snapshot } = useDocSync(kind, id, userId, remote, gone);
  return { poll, gone, sync, snapshot };
}

import { useCallback } from "react";
import useSWR, { mutate } from "swr";
import { type ApiClientError, apiFetch } from "@/lib/sync/api-client";
import { conditionalFetch, rememberResponse } from "@/lib/sync/conditional-fetcher";
import type { DocTransport, Versioned } from "@/lib/sync/doc-sync";
import type { RecordMerge } from "@/lib/sync/merge";
import { pollingConfig } from "@/lib/sync/polling";
import { useDocSync } from "@/lib/sync/use-doc-sync";
import type { SingletonView } from "./types";

export type Merge<T> = (base: T, mine: T, theirs: T) => RecordMerge<T>;

const versioned = <T>(view: SingletonView<T>): Versioned<T> => ({
  version: view.version,
  data: view.data,
});

/** Saves a singleton (`PUT url`, If-Match) and keeps the poll cache in step with the answer. */
export function singletonTransport<T>(url: string, name: string): DocTransport<T> {
  return {
    async save(data, baseVersion, { keepalive }) {
      const { body, etag } = await apiFetch<Record<string, SingletonView<T>>>(url, {
        method: "PUT",
        json: data,
        keepalive,
        headers: { "If-Match": `"v${baseVersion}"` },
      });
      const view = body?.[name];
      if (!view) throw new Error(`The server did not return the saved ${name}`);
      rememberResponse(url, etag, body);
      void mutate(url, body, { revalidate: false });
      return versioned(view);
    },
    conflictCurrent(error) {
      const current = error.body.current as SingletonView<T> | undefined;
      return current ? versioned(current) : null;
    },
  };
}

/** The polled state of a singleton, without an editor: for badges and read-only views. */
export function useSingletonPoll<T>(url: string) {
  return useSWR<Record<string, SingletonView<T>>, ApiClientError>(
    url,
    conditionalFetch,
    pollingConfig,
  );
}

/**
 * One singleton document, polled and editable: the sync engine (merge on 412, outbox, tabs)
 * with this kind's merge rule.
 */
export function useSingleton<T extends Record<string, unknown>>(
  userId: string,
  url: string,
  name: string,
  options: { merge?: Merge<T>; debounceMs?: number } = {},
) {
  const poll = useSingletonPoll<T>(url);
  const view = poll.data?.[name];
  const remote = view ? versioned(view) : undefined;
  const makeTransport = useCallback(() => singletonTransport<T>(url, name), [url, name]);
  const { sync, snapshot } = useDocSync(url, remote, false, { userId, makeTransport, ...options });
  return { poll, sync, snapshot };
}

import { mutate } from "swr";
import { apiFetch } from "./api-client";
import { rememberResponse } from "./conditional-fetcher";
import { type SyncedKind, versionTag } from "./kind";
import type { DocTransport } from "./types";

/**
 * Saves one document of a kind: `PUT kind.url(id)` with If-Match, the answer in `[kind.name]`;
 * keeps the poll cache (and the kind's other caches) in step with what the server stored.
 */
export function kindTransport<T, View>(kind: SyncedKind<T, View>, id: string): DocTransport<T> {
  const url = kind.url(id);
  return {
    async save(data, baseVersion, { keepalive }) {
      const { body, etag } = await apiFetch<Record<string, View | undefined>>(url, {
        method: "PUT",
        json: data,
        keepalive,
        headers: { "If-Match": versionTag(baseVersion) },
      });
      const view = body?.[kind.name];
      if (!view) throw new Error(`The server did not return the saved ${kind.name}`);
      rememberResponse(url, etag, body);
      void mutate(url, body, { revalidate: false });
      kind.afterSave?.(view);
      return kind.versioned(view);
    },
    conflictCurrent(error) {
      const current = error.body.current as View | undefined;
      return current ? kind.versioned(current) : null;
    },
    keepConflictCopy: kind.keepConflictCopy?.bind(kind),
  };
}

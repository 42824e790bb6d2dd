import { apiFetch } from "./api-client";
import { postToTabs } from "./tab-channel";

/**
 * The last body and ETag per URL, in memory only. A poll sends If-None-Match and, on 304,
 * hands SWR the very same object, so nothing re-renders and no body crosses the wire.
 */
const lastSeen = new Map<string, { etag: string; body: unknown }>();

export async function conditionalFetch<T>(url: string): Promise<T> {
  const cached = lastSeen.get(url);
  const response = await apiFetch<T>(
    url,
    cached ? { headers: { "If-None-Match": cached.etag } } : {},
  );
  if (response.status === 304 && cached) return cached.body as T;
  if (response.body === undefined) throw new Error(`Empty answer from ${url}`);
  if (response.etag) {
    lastSeen.set(url, { etag: response.etag, body: response.body });
    postToTabs({ type: "response", url, etag: response.etag, body: response.body });
  }
  return response.body;
}

/** After a write the client already knows the new state; keep the cache in step with it. */
export function rememberResponse(url: string, etag: string | null, body: unknown) {
  if (etag) lastSeen.set(url, { etag, body });
  else lastSeen.delete(url);
}

export function forget(url?: string) {
  if (url) lastSeen.delete(url);
  else lastSeen.clear();
}

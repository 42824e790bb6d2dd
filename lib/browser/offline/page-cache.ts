import {
  APP_PAGES,
  OFFLINE_COPY_META,
  OWNER_URL,
  PAGES_CACHE,
  type PagesOwner,
  readOwner,
  SERVICE_WORKER_URL,
} from "@/lib/shared/offline";

const hasCaches = () => typeof caches !== "undefined";

/** When the service worker served this page from the device's copy (ms), or null. */
export function pageCopyAt(): number | null {
  const at = Number(
    document.querySelector(`meta[name="${OFFLINE_COPY_META}"]`)?.getAttribute("content"),
  );
  return at > 0 ? at : null;
}

/**
 * Makes this device open offline for `owner` (a user's id, or "guest") until `until` (ms, the
 * end of the session; undefined: as recorded, for a page opened from the kept copy); null
 * keeps nothing here ("Keep nothing on this device"). Registers the service worker, then claims
 * the page cache: pages kept for anyone else go first, and every page of the app is fetched
 * once for `owner`, so each opens offline, not only those visited. Resolves the end recorded
 * for the kept pages, if any. Offline copies are a nicety: any failure here leaves the app
 * working online as before.
 */
export async function keepPagesFor(owner: string | null, until?: number): Promise<number | null> {
  if (!hasCaches() || !("serviceWorker" in navigator)) return null;
  try {
    await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
    // Kept pages are for the worker that runs: wait for it on a first visit.
    await navigator.serviceWorker.ready;
    if (owner === null) {
      await forgetPages();
      return null;
    }
    const recorded = await pagesOwner();
    const same = recorded?.owner === owner;
    if (!same) await forgetPages();
    const cache = await caches.open(PAGES_CACHE);
    // Only the owner's own end carries over (a page opened offline knows no newer one).
    const record: PagesOwner = { owner, until: until ?? (same ? recorded.until : 0) };
    if (!same || recorded.until !== record.until) await cache.put(OWNER_URL, Response.json(record));
    // Pages the last visit did not get to (it was left before they came) are fetched now.
    const kept = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
    const missing = APP_PAGES.filter((page) => !kept.has(page));
    await Promise.all(missing.map((page) => cache.add(page).catch(() => {})));
    return record.until || null;
  } catch {
    // Private windows and full disks refuse caches and workers.
    return null;
  }
}

/** The session was renewed (a password change): the kept pages live until its new end. */
export async function recordSessionEnd(until: number): Promise<void> {
  try {
    const recorded = await pagesOwner();
    if (recorded?.owner && recorded.owner !== "guest")
      await (await caches.open(PAGES_CACHE)).put(
        OWNER_URL,
        Response.json({ owner: recorded.owner, until } satisfies PagesOwner),
      );
  } catch {
    // No caches here: nothing was kept either.
  }
}

/** Whose pages this device keeps, if anyone's, and until when. */
async function pagesOwner(): Promise<PagesOwner | null> {
  if (!hasCaches() || !(await caches.has(PAGES_CACHE))) return null;
  const entry = await (await caches.open(PAGES_CACHE)).match(OWNER_URL);
  return entry ? readOwner(await entry.text()) : null;
}

/** Every page kept for offline use (on leaving, and before another owner's go in). */
export async function forgetPages(): Promise<void> {
  if (hasCaches()) await caches.delete(PAGES_CACHE);
}

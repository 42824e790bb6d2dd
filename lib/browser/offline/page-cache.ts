import { APP_PAGES, OWNER_URL, PAGES_CACHE, SERVICE_WORKER_URL } from "@/lib/shared/offline";

const hasCaches = () => typeof caches !== "undefined";

/**
 * Makes this device open offline for `owner` (a user's id, or "guest"); null keeps nothing here
 * ("Keep nothing on this device"). Registers the service worker, then claims the page cache:
 * pages kept for anyone else go first, and every page of the app is fetched once for `owner`,
 * so each opens offline, not only those visited. Offline copies are a nicety: any failure here
 * leaves the app working online as before.
 */
export async function keepPagesFor(owner: string | null): Promise<void> {
  if (!hasCaches() || !("serviceWorker" in navigator)) return;
  try {
    await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
    // Kept pages are for the worker that runs: wait for it on a first visit.
    await navigator.serviceWorker.ready;
    if (owner === null) {
      await forgetPages();
      return;
    }
    if ((await pagesOwner()) !== owner) {
      await forgetPages();
      await (await caches.open(PAGES_CACHE)).put(OWNER_URL, new Response(owner));
    }
    // Pages the last visit did not get to (it was left before they came) are fetched now.
    const cache = await caches.open(PAGES_CACHE);
    const kept = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
    const missing = APP_PAGES.filter((page) => !kept.has(page));
    await Promise.all(missing.map((page) => cache.add(page).catch(() => {})));
  } catch {
    // Private windows and full disks refuse caches and workers.
  }
}

/** Whose pages this device keeps, if anyone's. */
async function pagesOwner(): Promise<string | null> {
  if (!hasCaches() || !(await caches.has(PAGES_CACHE))) return null;
  const entry = await (await caches.open(PAGES_CACHE)).match(OWNER_URL);
  return entry ? entry.text() : null;
}

/** Every page kept for offline use (on leaving, and before another owner's go in). */
export async function forgetPages(): Promise<void> {
  if (hasCaches()) await caches.delete(PAGES_CACHE);
}

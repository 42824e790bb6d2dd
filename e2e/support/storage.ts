import type { Page } from "@playwright/test";

/**
 * Everything a page's origin keeps in the browser: both Web Storages, IndexedDB's names, and
 * Cache Storage (each cache's URLs and bodies; the service worker's precache of the app's own
 * built files, the same for everyone, is left out).
 */
export function browserStorage(page: Page) {
  return page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k) ?? ""]));
    const databases = "databases" in indexedDB ? await indexedDB.databases() : [];
    const cached: Record<string, Array<[string, string]>> = {};
    for (const name of await caches.keys()) {
      if (name.startsWith("serwist-precache")) continue;
      const cache = await caches.open(name);
      cached[name] = await Promise.all(
        (await cache.keys()).map(
          async (request): Promise<[string, string]> => [
            request.url,
            (await (await cache.match(request))?.text()) ?? "",
          ],
        ),
      );
    }
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      indexedDb: databases.map((db) => db.name ?? ""),
      caches: cached,
    };
  });
}

export const handoffKeys = (storage: Record<string, string>) =>
  Object.keys(storage).filter((k) => k.startsWith("handoff:"));

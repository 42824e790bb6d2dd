import { expect, type Page } from "@playwright/test";
import { APP_PAGES, OWNER_URL, PAGES_CACHE } from "../../lib/shared/offline";

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

/** Resolves once the service worker runs this page and the pages are kept for `owner`. */
export async function keptFor(page: Page, owner: string | RegExp) {
  const expected = typeof owner === "string" ? owner : expect.stringMatching(owner);
  await expect
    .poll(() =>
      page.evaluate(
        async ({ pages, name, ownerUrl }) => {
          if (!navigator.serviceWorker.controller) return "no worker yet";
          if (!(await caches.has(name))) return "no pages";
          const cache = await caches.open(name);
          const kept = (await cache.keys()).map((request) => new URL(request.url).pathname);
          if (!pages.every((path) => kept.includes(path))) return "pages still coming";
          const record = await cache.match(ownerUrl);
          return record ? ((await record.json()) as { owner: string }).owner : "no owner";
        },
        { pages: [...APP_PAGES], name: PAGES_CACHE, ownerUrl: OWNER_URL },
      ),
    )
    .toEqual(expected);
}

/**
 * Resolves once this device's offline copy (IndexedDB `handoff-copy-…`) holds `text` in its
 * answer for `url`: what a user typed a moment before going offline is kept by then.
 */
export async function copiedOffline(page: Page, url: string, text: string) {
  await expect
    .poll(() =>
      page.evaluate(async (key) => {
        const names = (await indexedDB.databases())
          .map((db) => db.name ?? "")
          .filter((name) => name.startsWith("handoff-copy-"));
        const found: string[] = [];
        for (const name of names) {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (!db.objectStoreNames.contains("answers")) {
            db.close();
            found.push(`${name}: no store`);
            continue;
          }
          const [answer, keys] = await new Promise<[unknown, IDBValidKey[]]>((resolve, reject) => {
            const store = db.transaction("answers").objectStore("answers");
            const one = store.get(key);
            const all = store.getAllKeys();
            all.onsuccess = () => resolve([one.result, all.result]);
            all.onerror = () => reject(all.error);
          });
          db.close();
          found.push(`${name} [${keys.join(" ")}]: ${JSON.stringify(answer ?? null)}`);
        }
        return found.join("\n");
      }, url),
    )
    .toContain(text);
}

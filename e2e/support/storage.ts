import { expect, type Page } from "@playwright/test";
import { APP_PAGES, COPY_SEAL_KEY, OWNER_URL, PAGES_CACHE } from "../../lib/shared/offline";

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
 * answer for `url`, opened with the copy's own key, as the app does: what a user typed a
 * moment before going offline is kept by then. And checks that no record of the copy holds
 * `text` in the clear: answers are sealed.
 */
export async function copiedOffline(page: Page, url: string, text: string) {
  const read = () => page.evaluate(readCopies, { url, sealKey: COPY_SEAL_KEY });
  await expect.poll(async () => (await read()).opened).toContain(text);
  expect((await read()).raw).not.toContain(text);
}

async function readCopies({ url, sealKey }: { url: string; sealKey: string }) {
  const names = (await indexedDB.databases())
    .map((db) => db.name ?? "")
    .filter((name) => name.startsWith("handoff-copy-"));
  const opened: string[] = [];
  const raw: string[] = [];
  const asText = (value: unknown): string =>
    value instanceof ArrayBuffer || ArrayBuffer.isView(value)
      ? new TextDecoder().decode(value as ArrayBuffer)
      : value && typeof value === "object"
        ? Object.values(value).map(asText).join(" ")
        : String(value);
  for (const name of names) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (!db.objectStoreNames.contains("answers")) {
      db.close();
      opened.push(`${name}: no store`);
      continue;
    }
    const [answer, key, all] = await new Promise<[unknown, unknown, unknown[]]>(
      (resolve, reject) => {
        const store = db.transaction("answers").objectStore("answers");
        const one = store.get(url);
        const seal = store.get(sealKey);
        const every = store.getAll();
        every.onsuccess = () => resolve([one.result, seal.result, every.result]);
        every.onerror = () => reject(every.error);
      },
    );
    db.close();
    raw.push(...all.map(asText));
    const sealed = answer as { iv?: Uint8Array<ArrayBuffer>; sealed?: ArrayBuffer } | undefined;
    if (!sealed?.iv || !sealed.sealed || !(key instanceof CryptoKey)) {
      opened.push(`${name}: nothing sealed for ${url}`);
      continue;
    }
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: sealed.iv },
      key,
      sealed.sealed,
    );
    opened.push(`${name}: ${new TextDecoder().decode(plain)}`);
  }
  return { opened: opened.join("\n"), raw: raw.join("\n") };
}

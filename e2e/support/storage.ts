import type { Page } from "@playwright/test";

/** Everything a page's origin keeps in the browser: both Web Storages and IndexedDB's names. */
export function browserStorage(page: Page) {
  return page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k) ?? ""]));
    const databases = "databases" in indexedDB ? await indexedDB.databases() : [];
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      indexedDb: databases.map((db) => db.name ?? ""),
    };
  });
}

export const handoffKeys = (storage: Record<string, string>) =>
  Object.keys(storage).filter((k) => k.startsWith("handoff:"));

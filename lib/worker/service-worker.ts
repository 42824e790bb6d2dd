/// <reference lib="webworker" />
import { type PrecacheEntry, Serwist } from "serwist";
import {
  answerCopyName,
  OFFLINE_COPY_META,
  OWNER_URL,
  PAGES_CACHE,
  readOwner,
} from "@/lib/shared/offline";

declare global {
  interface WorkerGlobalScope {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

/**
 * Handoff's service worker: the built files are precached, so every page can start offline.
 * Pages (HTML) come from the network first; a page is kept for offline use only while the
 * page cache names an owner (lib/browser/offline/page-cache.ts), and served from it only when
 * the network cannot answer. API requests are never touched: no answer of the API is ever
 * kept or served by the worker, whoever asks.
 */
const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  // A new version waits until no tab runs the old one: a tab's code and its built files stay
  // together, and nothing it has not sent is dropped by a takeover.
  skipWaiting: false,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: async ({ request, event }) => {
        try {
          const response = await fetch(request);
          if (response.status === 200 && response.type === "basic")
            event.waitUntil(keep(request, response.clone()));
          return response;
        } catch {
          if (!(await caches.has(PAGES_CACHE))) return notAvailableOffline(request);
          const cache = await caches.open(PAGES_CACHE);
          if (await forgetIfSessionOver(cache)) return sessionEnded();
          const kept = await cache.match(request, { ignoreSearch: true });
          return kept ? markedAsKept(kept) : notAvailableOffline(request);
        }
      },
    },
  ],
});

/** Keeps a page only while the cache has an owner: none after sign-out or "keep nothing". */
async function keep(request: Request, response: Response) {
  if (!(await caches.has(PAGES_CACHE))) return;
  const cache = await caches.open(PAGES_CACHE);
  if (await cache.match(OWNER_URL)) await cache.put(request.url, response);
}

/**
 * The kept page, with a mark saying when it was fetched (OFFLINE_COPY_META): the page then
 * says that it is offline and since when (components/offline/offline-notice.tsx).
 */
async function markedAsKept(kept: Response) {
  const at = Date.parse(kept.headers.get("date") ?? "") || 0;
  const html = (await kept.text()).replace(
    "<head>",
    `<head><meta name="${OFFLINE_COPY_META}" content="${at}">`,
  );
  const headers = new Headers(kept.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(html, { status: kept.status, statusText: kept.statusText, headers });
}

/**
 * The kept pages' session has ended (by this device's clock, as recorded by the last page
 * online): the pages and the user's copy of API answers go, so nothing of the user opens
 * offline after it, even on a device no page of Handoff was open on at the time.
 */
async function forgetIfSessionOver(cache: Cache) {
  const entry = await cache.match(OWNER_URL);
  const { owner, until } = readOwner(entry ? await entry.text() : "");
  // A guest has no session: their data is theirs until it expires in the browser.
  if (owner === "guest" || !until || Date.now() < until) return false;
  await caches.delete(PAGES_CACHE);
  await deleted(indexedDB.deleteDatabase(answerCopyName(owner)));
  return true;
}

const deleted = (request: IDBOpenDBRequest) =>
  new Promise<void>((resolve) => {
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });

/** Also forgets what the pages kept in Web Storage (unsent edits, the tab's place), as online. */
function sessionEnded() {
  return offlinePage(
    "Your session has ended",
    "<p>Sign in again once you are back online. Nothing of your account is kept on this device any more.</p>",
    `<script>for (const key of Object.keys(localStorage)) if (key.startsWith("handoff:")) localStorage.removeItem(key); sessionStorage.clear();</script>`,
  );
}

/** A page of the worker's own: `title` is text, `bodyHtml` markup made here (never a request's). */
function offlinePage(title: string, bodyHtml: string, script = "") {
  return new Response(
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Handoff</title><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1>${bodyHtml}${script}</body></html>`,
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

function notAvailableOffline(request: Request) {
  const path = new URL(request.url).pathname.replace(/[<>&"]/g, "");
  return offlinePage(
    "You are offline",
    `<p>${path} was not opened on this device before, so there is nothing of it to show until the connection returns.</p><p><a href="/drafts">Your drafts</a> may be here.</p>`,
  );
}

// A new deployment's worker drops the last one's pages (a kept page names built files, by
// hash, that only its own deployment precached) but keeps their owner: the next page load
// fetches them again (lib/browser/offline/page-cache.ts). A first install has none to drop.
let replacing = false;
self.addEventListener("install", () => {
  replacing = self.registration.active !== null;
});
self.addEventListener("activate", (event) => {
  if (replacing) event.waitUntil(dropPages());
});

async function dropPages() {
  if (!(await caches.has(PAGES_CACHE))) return;
  const cache = await caches.open(PAGES_CACHE);
  for (const request of await cache.keys())
    if (new URL(request.url).pathname !== OWNER_URL) await cache.delete(request);
}

serwist.addEventListeners();

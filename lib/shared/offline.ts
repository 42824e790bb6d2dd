/**
 * What the service worker and the pages agree on (lib/worker/service-worker.ts,
 * lib/browser/offline/). Pages are kept only in PAGES_CACHE, and only while its OWNER_URL entry
 * says whose they are: the page writes it once it knows who is signed in (or a guest) and that
 * they keep things on this device, and deletes the whole cache when they leave.
 */
export const PAGES_CACHE = "handoff-pages";
export const OWNER_URL = "/__handoff/owner";
/** What OWNER_URL holds: whose pages these are, and until when they may be shown (ms; 0: no end). */
export interface PagesOwner {
  owner: string;
  until: number;
}

/** The owner record as kept; an earlier version kept the owner's name alone. */
export function readOwner(text: string): PagesOwner {
  try {
    const { owner, until } = JSON.parse(text) as Partial<PagesOwner>;
    if (typeof owner === "string") return { owner, until: typeof until === "number" ? until : 0 };
  } catch {}
  return { owner: text, until: 0 };
}

/** The database of a user's copy of API answers: its name starts "handoff", so leaving deletes it. */
export const answerCopyName = (userId: string) => `handoff-copy-${userId}`;

/** Where a copy keeps the key its answers are sealed with (never a URL, so never an answer's). */
export const COPY_SEAL_KEY = "seal-key";

/** Put in a page the worker serves from PAGES_CACHE: when that copy was fetched (ms). */
export const OFFLINE_COPY_META = "handoff-offline-copy";
/** Where the service worker is served (app/serwist/[path]/route.ts) and its scope. */
export const SERVICE_WORKER_URL = "/serwist/sw.js";

/** Every page of the app: cached when a device claims it, so each opens offline. */
export const APP_PAGES = [
  "/drafts",
  "/trash",
  "/shop",
  "/cart",
  "/orders",
  "/apply",
  "/watch",
  "/account",
  "/about",
] as const;

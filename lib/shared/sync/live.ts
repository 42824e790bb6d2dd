/**
 * The poke stream, as both sides know it (server: lib/server/live, browser:
 * lib/browser/sync/live.ts). Events: `marker` once when the stream opens, `poke` when the user's
 * marker moves (both `{ marker }`, also as the event id), `end` with `{ reason }`.
 */
export const LIVE_URL = "/api/live";
/** A comment this often keeps proxies and load balancers from closing an idle stream. */
export const LIVE_HEARTBEAT_MS = 25_000;
/** How long the browser waits before reconnecting a stream that broke or ended itself. */
export const LIVE_RETRY_MS = 2_000;
/**
 * On the answer to a request that committed: the markers its commits made (comma-separated).
 * The device that saved knows those changes already, so their pokes cost it nothing.
 */
export const OWN_MARKERS_HEADER = "Handoff-Markers";
/**
 * Beside it: the store kinds those commits wrote (comma-separated). Lists of one kind that the
 * answer does not show (the undo offer a removal made) are fetched again by the device that
 * wrote, as the others do at the poke.
 */
export const OWN_KINDS_HEADER = "Handoff-Kinds";

/** The pulse's answer: the user's marker, and the marker at which each kind last changed. */
export interface PulseAnswer {
  marker: number;
  kinds: Partial<Record<string, number>>;
  activeAt: number;
}

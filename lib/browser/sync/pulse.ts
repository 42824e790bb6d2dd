import type { Http } from "@/lib/browser/http/client";
import {
  FAST_POLL_MS,
  nextDelay,
  type PollState,
  PRESENCE_REPORT_MS,
} from "@/lib/shared/sync/presence";

export const PULSE_URL = "/api/pulse";

const ACTIVITY_EVENTS = [
  "keydown",
  "pointerdown",
  "pointermove",
  "wheel",
  "focus",
  "input",
] as const;

/**
 * The one poll of a signed-in tab (see nextDelay for when). It stays silent while the tab is
 * hidden, and any key, pointer, focus or the tab becoming visible on an idle device polls at
 * once, so a device picked up shows the latest state straight away. When the marker moved,
 * `revalidate` fetches again what the page shows. Returns the function that stops it.
 */
export function startPulse(http: Http, revalidate: () => void): () => void {
  const state: PollState = {
    // A page just opened is being looked at: fast for the first minute, like any activity.
    localActivityAt: Date.now(),
    remoteActivityAt: 0,
    newsAt: 0,
    lastDelay: FAST_POLL_MS,
  };
  let etag: string | null = null;
  let reportedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let stopped = false;

  const hidden = () => document.visibilityState === "hidden";

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (!stopped && !hidden()) timer = setTimeout(() => void pulse(), delay);
  };

  const pulse = async () => {
    if (inFlight || stopped) return;
    inFlight = true;
    clearTimeout(timer);
    const now = Date.now();
    const report = state.localActivityAt > reportedAt && now - reportedAt >= PRESENCE_REPORT_MS;
    try {
      const answer = await http<{ marker: number }>(PULSE_URL, {
        headers: {
          ...(etag ? { "If-None-Match": etag } : {}),
          ...(report ? { "Handoff-Active": "1" } : {}),
        },
      });
      if (report) reportedAt = now;
      state.remoteActivityAt = Number(answer.headers.get("handoff-active-at") ?? 0);
      if (answer.status !== 304 && answer.etag !== etag) {
        // The first answer only sets the baseline: the page fetched its data as it mounted.
        if (etag !== null) {
          state.newsAt = Date.now();
          revalidate();
        }
        etag = answer.etag;
      }
    } catch {
      // Offline or a 5xx: the next pulse tries again (a 401 already signed this tab out).
    } finally {
      inFlight = false;
      state.lastDelay = nextDelay(state, Date.now());
      schedule(state.lastDelay);
    }
  };

  const onActivity = () => {
    const wasIdle = state.lastDelay > FAST_POLL_MS;
    state.localActivityAt = Date.now();
    if (wasIdle) {
      state.lastDelay = FAST_POLL_MS;
      void pulse();
    }
  };
  const onVisibility = () => {
    if (hidden()) {
      clearTimeout(timer);
      return;
    }
    state.localActivityAt = Date.now();
    void pulse();
  };

  for (const event of ACTIVITY_EVENTS)
    window.addEventListener(event, onActivity, { passive: true });
  document.addEventListener("visibilitychange", onVisibility);
  void pulse();
  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}

/**
 * A guest's pulse: their data is in this browser, so another tab's save reaches this one as a
 * `storage` event (and expiry is noticed when the tab comes back into view).
 */
export function watchStorage(key: string, revalidate: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === key || event.key === null) revalidate();
  };
  const onVisibility = () => {
    if (document.visibilityState === "visible") revalidate();
  };
  window.addEventListener("storage", onStorage);
  document.addEventListener("visibilitychange", onVisibility);
  return () => {
    window.removeEventListener("storage", onStorage);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}

import { ApiClientError, type Http } from "@/lib/browser/http/client";
import type { SessionEnd } from "@/lib/shared/auth/session-end";
import {
  FAST_POLL_MS,
  LIVE_PRESENCE_REPORT_MS,
  nextDelay,
  type PollState,
  PRESENCE_REPORT_MS,
} from "@/lib/shared/sync/presence";
import { connectLive, type OpenEventSource } from "./live";

export const PULSE_URL = "/api/pulse";

type PulseOutcome = "answered" | "ended" | "failed";

const ACTIVITY_EVENTS = [
  "keydown",
  "pointerdown",
  "pointermove",
  "wheel",
  "focus",
  "input",
] as const;

export interface PulseOptions {
  /** Opens the poke stream while the tab is visible; null polls only (live updates off). */
  live: OpenEventSource | null;
  /** The stream said the session ended, and why. */
  onEnded: (reason: SessionEnd) => void;
}

/**
 * What keeps a signed-in tab up to date. While the tab is visible it holds the poke stream
 * (lib/browser/sync/live.ts): a poke whose marker is new refetches what the page shows, and
 * the pulse, a poll of the marker, runs only as a safety net every 45 s. When the stream
 * cannot open or breaks, the pulse's own schedule takes over at once (see nextDelay): fast
 * while anyone is active, backing off when not. A hidden tab does neither, and any key,
 * pointer, focus or the tab becoming visible on an idle device polls at once. Returns the
 * function that stops it.
 */
export function startPulse(http: Http, revalidate: () => void, options: PulseOptions) {
  const state: PollState = {
    // A page just opened is being looked at: fast for the first minute, like any activity.
    localActivityAt: Date.now(),
    remoteActivityAt: 0,
    newsAt: 0,
    lastDelay: FAST_POLL_MS,
    live: false,
  };
  let etag: string | null = null;
  /** The user's marker as last learnt; null until the first answer (the page fetched at mount). */
  let marker: number | null = null;
  let reportedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<PulseOutcome> | null = null;
  let stopped = false;
  let closeLive: (() => void) | null = null;

  const hidden = () => document.visibilityState === "hidden";

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (!stopped && !hidden()) timer = setTimeout(() => void pulse(), delay);
  };

  const learn = (next: number) => {
    if (marker !== null && next > marker) {
      state.newsAt = Date.now();
      revalidate();
    }
    if (marker === null || next > marker) marker = next;
  };

  const pulse = (): Promise<PulseOutcome> => {
    if (stopped) return Promise.resolve("failed");
    inFlight ??= ask().finally(() => {
      inFlight = null;
      state.lastDelay = nextDelay(state, Date.now());
      schedule(state.lastDelay);
    });
    return inFlight;
  };

  const ask = async (): Promise<PulseOutcome> => {
    clearTimeout(timer);
    const now = Date.now();
    const reportEvery = state.live ? LIVE_PRESENCE_REPORT_MS : PRESENCE_REPORT_MS;
    const report = state.localActivityAt > reportedAt && now - reportedAt >= reportEvery;
    try {
      const answer = await http<{ marker: number }>(PULSE_URL, {
        headers: {
          ...(etag ? { "If-None-Match": etag } : {}),
          ...(report ? { "Handoff-Active": "1" } : {}),
        },
      });
      if (report) reportedAt = now;
      state.remoteActivityAt = Number(answer.headers.get("handoff-active-at") ?? 0);
      if (answer.status !== 304 && answer.body) {
        etag = answer.etag;
        learn(answer.body.marker);
      }
      return "answered";
    } catch (error) {
      // A 401 has already ended the session, with the server's reason; offline or a 5xx: the
      // next pulse tries again.
      return error instanceof ApiClientError && error.status === 401 ? "ended" : "failed";
    }
  };

  const openLive = () => {
    if (!options.live || closeLive || stopped) return;
    closeLive = connectLive(
      {
        opened(next) {
          state.live = true;
          // Nothing learnt yet: the page's data may be older than this marker, so check it.
          if (marker === null) revalidate();
          learn(next);
          state.lastDelay = nextDelay(state, Date.now());
          schedule(state.lastDelay);
        },
        poked: learn,
        broken() {
          if (!state.live) return;
          state.live = false;
          state.lastDelay = FAST_POLL_MS;
          void pulse();
        },
        ended(reason) {
          // The session the stream was opened with ended; this page may hold a newer one (a
          // password change renews it). A pulse, with the page's cookie, tells which: answered,
          // the stream reopens under the new session; a 401 ends this one with the server's
          // reason; no answer at all, the stream's word is taken.
          closeStream();
          void pulse().then((outcome) => {
            if (outcome === "answered") openLive();
            if (outcome === "failed") options.onEnded(reason);
          });
        },
      },
      options.live,
    );
  };
  const closeStream = () => {
    closeLive?.();
    closeLive = null;
    state.live = false;
  };

  const onActivity = () => {
    const wasIdle = !state.live && state.lastDelay > FAST_POLL_MS;
    state.localActivityAt = Date.now();
    if (wasIdle) {
      state.lastDelay = FAST_POLL_MS;
      void pulse();
    }
  };
  const onVisibility = () => {
    if (hidden()) {
      clearTimeout(timer);
      closeStream();
      return;
    }
    state.localActivityAt = Date.now();
    openLive();
    void pulse();
  };

  for (const event of ACTIVITY_EVENTS)
    window.addEventListener(event, onActivity, { passive: true });
  document.addEventListener("visibilitychange", onVisibility);
  if (!hidden()) openLive();
  void pulse();
  return () => {
    stopped = true;
    clearTimeout(timer);
    closeStream();
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

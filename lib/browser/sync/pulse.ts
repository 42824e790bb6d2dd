import { ApiClientError, type Http } from "@/lib/browser/http/client";
import type { SessionEnd } from "@/lib/shared/auth/session-end";
import type { PulseAnswer } from "@/lib/shared/sync/live";
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
  /** Settles once this page's saves under way now have their answers (and so their markers). */
  writesSettled?: () => Promise<unknown>;
}

/** Refetches what the page shows of these kinds (the store's names), or of every kind: null. */
export type Revalidate = (kinds: readonly string[] | null) => void;

export interface Pulse {
  /** The markers this page's own saves made (their answers' OWN_MARKERS_HEADER). */
  ownCommits(markers: readonly number[]): void;
  stop(): void;
}

/** Own commits further than this past the known marker are not tracked: the page just asks. */
const OWN_SPAN = 1000;

/**
 * What keeps a signed-in tab up to date. While the tab is visible it holds the poke stream
 * (lib/browser/sync/live.ts), and the pulse, a poll of the marker, runs only as a safety net
 * every 60 s. When the stream cannot open or breaks, the pulse's own schedule takes over at
 * once (see nextDelay): fast while anyone is active, backing off when not. A hidden tab does
 * neither, and any key, pointer, focus or the tab becoming visible on an idle device polls at
 * once.
 *
 * A new marker that only this page's own saves made changes nothing (the page shows those
 * already). Any other: a poke asks the pulse which kinds changed, and the page refetches just
 * those, so what did not change is not asked for ("nothing new" answers are for the safety
 * net only).
 */
export function startPulse(http: Http, revalidate: Revalidate, options: PulseOptions): Pulse {
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
  /** Markers of this page's own commits, past `marker`. */
  const own = new Set<number>();
  /** A poke came while a pulse was under way: that answer may predate it, so ask once more. */
  let askAgain = false;
  /** The marker of the poke the pulse under way was sent for. */
  let askedFor = 0;
  /** The newest marker a poke told of. */
  let pokedTo = 0;
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

  const onlyOwn = (from: number, to: number) => {
    if (to - from > OWN_SPAN) return false;
    for (let m = from + 1; m <= to; m++) if (!own.has(m)) return false;
    return true;
  };
  const pass = (next: number) => {
    marker = next;
    for (const m of own) if (m <= next) own.delete(m);
  };

  /** The pulse answered with a new marker and the kinds it changed: refetch those. */
  const learn = ({ marker: next, kinds }: PulseAnswer) => {
    if (marker === null) {
      // The first answer, as when the stream opens first: what the page fetched at mount may
      // predate a change this marker already counts (another device saved in between), and no
      // later marker would tell of it. Check what is shown once (unchanged answers are 304s).
      pass(next);
      state.newsAt = Date.now();
      revalidate(null);
      return;
    }
    if (next <= marker || onlyOwn(marker, next)) {
      if (next > marker) pass(next);
      return;
    }
    const since = marker;
    const changed = Object.keys(kinds).filter((kind) => (kinds[kind] ?? 0) > since);
    state.newsAt = Date.now();
    revalidate(changed.length ? changed : null);
    pass(next);
  };

  /**
   * The stream says the marker is `next` now, not what changed: the pulse tells. A save of
   * this page still under way may be what moved it, so its answer is awaited first.
   */
  const poked = (next: number) => {
    pokedTo = Math.max(pokedTo, next);
    if (marker === null || next <= marker) return;
    const settled = options.writesSettled?.();
    if (settled) void settled.then(() => weigh(next));
    else weigh(next);
  };
  const weigh = (next: number) => {
    if (stopped || marker === null || next <= marker) return;
    if (onlyOwn(marker, next)) return pass(next);
    if (!inFlight) {
      askedFor = next;
      void pulse();
    } else if (next > askedFor) askAgain = true;
  };

  const pulse = (): Promise<PulseOutcome> => {
    if (stopped) return Promise.resolve("failed");
    inFlight ??= ask()
      .then((outcome) => {
        // No answer to say what the poke was about: refetch everything, as a poll would.
        if (outcome === "failed" && marker !== null && pokedTo > marker) {
          state.newsAt = Date.now();
          revalidate(null);
          pass(pokedTo);
        }
        return outcome;
      })
      .finally(() => {
        inFlight = null;
        if (askAgain) {
          askAgain = false;
          void pulse();
          return;
        }
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
      const answer = await http<PulseAnswer>(PULSE_URL, {
        headers: {
          ...(etag ? { "If-None-Match": etag } : {}),
          ...(report ? { "Handoff-Active": "1" } : {}),
        },
      });
      if (report) reportedAt = now;
      state.remoteActivityAt = Number(answer.headers.get("handoff-active-at") ?? 0);
      if (answer.status !== 304 && answer.body) {
        etag = answer.etag;
        learn(answer.body);
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
          if (marker === null) {
            revalidate(null);
            marker = next;
          } else poked(next);
          state.lastDelay = nextDelay(state, Date.now());
          if (!inFlight) schedule(state.lastDelay);
        },
        poked,
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
  return {
    ownCommits(markers) {
      for (const m of markers) if (marker === null || m > marker) own.add(m);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      closeStream();
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity);
      document.removeEventListener("visibilitychange", onVisibility);
    },
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

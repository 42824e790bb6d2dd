/**
 * When a poll is due, from who was active and what the last poll brought. Pure, so the
 * schedule is unit-tested without timers or a browser.
 */
export const FAST_POLL_MS = 1000;
/** While another device's edits keep arriving, twice as often: the text follows the typist. */
export const LIVE_POLL_MS = 500;
export const LIVE_WINDOW_MS = 10_000;
export const SLOWEST_POLL_MS = 30_000;
/** Typing, pointer or focus on any device of the user this recently keeps polls fast. */
export const ACTIVE_WINDOW_MS = 60_000;
/** A device says it is in use at most this often (one small write to the control document). */
export const PRESENCE_REPORT_MS = 15_000;

export interface PollState {
  /** Last typing, pointer, focus or visibility change on this device. */
  localActivityAt: number;
  /** Last activity any device of the user reported to the server. */
  remoteActivityAt: number;
  /** Last poll that brought a change. */
  newsAt: number;
  /** The delay used before the last poll. */
  lastDelay: number;
}

/**
 * 0.5 s while news keeps coming (the last 10 s); 1 s while anyone was active or news came
 * within the minute; else back off x2 up to 30 s.
 */
export function nextDelay(state: PollState, now: number): number {
  if (now - state.newsAt < LIVE_WINDOW_MS) return LIVE_POLL_MS;
  const lastSign = Math.max(state.localActivityAt, state.remoteActivityAt, state.newsAt);
  if (now - lastSign < ACTIVE_WINDOW_MS) return FAST_POLL_MS;
  return Math.min(SLOWEST_POLL_MS, Math.max(FAST_POLL_MS, state.lastDelay) * 2);
}

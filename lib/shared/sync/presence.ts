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
/**
 * While the poke stream is healthy the pulse is only a safety net: if a poke were ever lost,
 * this is how late the page would notice.
 */
export const SAFETY_POLL_MS = 60_000;
/**
 * With a stream, presence only serves devices that fell back to polling: at most 10 writes an
 * active device-hour.
 */
export const LIVE_PRESENCE_REPORT_MS = 6 * 60_000;

export interface PollState {
  /** Last typing, pointer, focus or visibility change on this device. */
  localActivityAt: number;
  /** Last activity any device of the user reported to the server. */
  remoteActivityAt: number;
  /** Last poll that brought a change. */
  newsAt: number;
  /** The delay used before the last poll. */
  lastDelay: number;
  /** The poke stream is open and healthy: pokes, not polls, bring news. */
  live?: boolean;
}

/**
 * With a healthy stream, the safety net (60 s). Without: 0.5 s while news keeps coming (the
 * last 10 s); 1 s while anyone was active or news came within the minute; else back off x2 up
 * to 30 s.
 */
export function nextDelay(state: PollState, now: number): number {
  if (state.live) return SAFETY_POLL_MS;
  if (now - state.newsAt < LIVE_WINDOW_MS) return LIVE_POLL_MS;
  const lastSign = Math.max(state.localActivityAt, state.remoteActivityAt, state.newsAt);
  if (now - lastSign < ACTIVE_WINDOW_MS) return FAST_POLL_MS;
  return Math.min(SLOWEST_POLL_MS, Math.max(FAST_POLL_MS, state.lastDelay) * 2);
}

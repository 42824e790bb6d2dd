import type { SWRConfiguration } from "swr";

import { create } from "zustand";

export const POLL_INTERVAL_MS = 1000;
/** Tabs that are not the poll leader, nor the focused window, poll only now and then. */
export const FOLLOWER_POLL_INTERVAL_MS = 10_000;

/** Whether this tab holds the poll-leader lock (memory only, per tab). */
export const usePollRole = create<{ leader: boolean }>(() => ({ leader: false }));

/**
 * Asked again before every tick: the leader polls at the full rate, and so does the window the
 * user is looking at (it may show other things than the leader); any other tab of this browser
 * gets what the leader fetched through the BroadcastChannel and polls slowly, as a fallback.
 */
const interval = () =>
  usePollRole.getState().leader || (typeof document !== "undefined" && document.hasFocus())
    ? POLL_INTERVAL_MS
    : FOLLOWER_POLL_INTERVAL_MS;

/**
 * Poll once a second while the page is visible. SWR skips a revalidation that falls inside
 * `dedupingInterval` of the previous one, so it must stay below the interval or every other
 * tick is lost (the default 2 s would halve the rate).
 */
export const pollingConfig: SWRConfiguration = {
  refreshInterval: interval,
  dedupingInterval: POLL_INTERVAL_MS / 2,
  refreshWhenHidden: false,
  refreshWhenOffline: false,
  revalidateOnFocus: true,
  revalidateOnReconnect: true,
  focusThrottleInterval: POLL_INTERVAL_MS / 2,
  keepPreviousData: true,
};

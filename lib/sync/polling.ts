import type { SWRConfiguration } from "swr";

import { create } from "zustand";

export const POLL_INTERVAL_MS = 1000;
/** Tabs that are not the poll leader still poll now and then, in case the leader stalls. */
export const FOLLOWER_POLL_INTERVAL_MS = 10_000;

/** Whether this tab holds the poll-leader lock (memory only, per tab). */
export const usePollRole = create<{ leader: boolean }>(() => ({ leader: false }));

export function usePollingConfig(): SWRConfiguration {
  const leader = usePollRole((state) => state.leader);
  return leader ? pollingConfig : { ...pollingConfig, refreshInterval: FOLLOWER_POLL_INTERVAL_MS };
}

/**
 * Poll once a second while the page is visible. SWR skips a revalidation that falls inside
 * `dedupingInterval` of the previous one, so it must stay below the interval or every other
 * tick is lost (the default 2 s would halve the rate).
 */
export const pollingConfig: SWRConfiguration = {
  refreshInterval: POLL_INTERVAL_MS,
  dedupingInterval: POLL_INTERVAL_MS / 2,
  refreshWhenHidden: false,
  refreshWhenOffline: false,
  revalidateOnFocus: true,
  revalidateOnReconnect: true,
  focusThrottleInterval: POLL_INTERVAL_MS / 2,
  keepPreviousData: true,
};

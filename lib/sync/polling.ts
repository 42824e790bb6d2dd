import type { SWRConfiguration } from "swr";

export const POLL_INTERVAL_MS = 1000;

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

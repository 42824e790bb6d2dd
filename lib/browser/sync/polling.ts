import type { SWRConfiguration } from "swr";

/**
 * The hooks that show server data do not poll on their own: the tab's one pulse
 * (lib/browser/sync/pulse.ts) asks whether anything changed and, when it did, revalidates
 * every key on the page at once (conditionally, so what did not change answers 304). Focus is
 * the pulse's business too. `dedupingInterval` keeps a burst of revalidations to one request.
 */
export const pollingConfig: Readonly<SWRConfiguration> = Object.freeze({
  refreshInterval: 0,
  dedupingInterval: 500,
  revalidateOnFocus: false,
  revalidateOnReconnect: true,
  keepPreviousData: true,
});

import type { SWRConfiguration } from "swr";

import { create } from "zustand";

/** Whether this tab holds the Web Lock that makes it the one to replay the outbox (per tab). */
export const usePollRole = create<{ leader: boolean }>(() => ({ leader: false }));

/**
 * The hooks that show server data do not poll on their own: the tab's one pulse
 * (lib/sync/pulse.ts) asks whether anything changed and, when it did, revalidates every key
 * on the page at once (conditionally, so what did not change answers 304). Focus is the
 * pulse's business too. `dedupingInterval` keeps a burst of revalidations to one request.
 */
export const pollingConfig: SWRConfiguration = {
  refreshInterval: 0,
  dedupingInterval: 500,
  revalidateOnFocus: false,
  revalidateOnReconnect: true,
  keepPreviousData: true,
};

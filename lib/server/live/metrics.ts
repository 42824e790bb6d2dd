import "server-only";
import { recordFeedRead, recordPoke } from "@/lib/server/telemetry/metrics";
import type { LiveObserver } from "./hub";

/** What the feed does, as telemetry (lib/server/telemetry): totals only, nothing of any user. */
export const liveMetrics: LiveObserver = {
  feedRead: (rows) => recordFeedRead(rows),
  poked: (delayMs) => recordPoke(delayMs),
  feedFailed(error) {
    console.error("[handoff] live feed read failed", error);
  },
};

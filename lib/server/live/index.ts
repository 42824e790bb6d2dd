import "server-only";
import { env } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { onCommitted } from "@/lib/server/store/written";
import { observeStreams } from "@/lib/server/telemetry/metrics";
import { LiveHub } from "./hub";
import { liveMetrics } from "./metrics";

export { openLiveStream } from "./stream";

// One hub per process, on globalThis so `next dev` hot reloads do not start a second feed.
const holder = globalThis as typeof globalThis & { handoffLiveHub?: LiveHub };

/** This instance's streams and the feed that pokes them (lib/server/live/hub.ts). */
export function getLiveHub(): LiveHub {
  holder.handoffLiveHub ??= createHub();
  return holder.handoffLiveHub;
}

function createHub() {
  const hub = new LiveHub({
    changedSince: (since, limit) => getStore().changedSince(since, limit),
    intervalMs: env.HANDOFF_LIVE_FEED_MS,
    maxStreams: env.HANDOFF_LIVE_MAX_STREAMS,
    maxStreamsPerUser: env.HANDOFF_LIVE_MAX_STREAMS_PER_USER,
    observe: liveMetrics,
  });
  observeStreams(() => hub.size);
  onCommitted((userId, marker) => hub.committed(userId, marker));
  // next start closes on SIGTERM once open requests end: streams must not hold it.
  process.once("SIGTERM", () => hub.closeAll());
  return hub;
}

export const liveEnabled = () => env.HANDOFF_LIVE === "on";

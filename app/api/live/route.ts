import { requireUser } from "@/lib/server/auth/session";
import { env } from "@/lib/server/env";
import { route } from "@/lib/server/http/respond";
import { getLiveHub, liveEnabled, openLiveStream } from "@/lib/server/live";
import { AppError } from "@/lib/shared/errors";

export const dynamic = "force-dynamic";
/** Vercel bills a stream for as long as it is open: it ends itself first (HANDOFF_LIVE_STREAM_SECONDS). */
export const maxDuration = 300;

/**
 * The poke stream of one visible signed-in page (Server-Sent Events): "your data changed, pull
 * now", never the data itself. The session is checked as on every route, and again by the
 * feed on every change of the user's control document.
 */
export const GET = route(async (request) => {
  if (!liveEnabled()) throw new AppError("not_found", "Live updates are off on this server");
  const user = await requireUser(request);
  return openLiveStream(user, {
    hub: getLiveHub(),
    maxMs: Math.min(env.HANDOFF_LIVE_STREAM_SECONDS, maxDuration - 10) * 1000,
    signal: request.signal,
  });
});

import { requireUser } from "@/lib/server/auth/session";
import { ifNoneMatch } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { reportPresence } from "@/lib/server/persist/presence";
import { listEtag } from "@/lib/shared/sync/kind";
import type { PulseAnswer } from "@/lib/shared/sync/live";

/**
 * The one poll of every open tab: has anything of the user's changed (the marker, as the
 * ETag: unchanged answers an empty 304; changed, which kinds did), and when was any device
 * last in use. A tab in use
 * says so with the Handoff-Active header. Costs the one control-document read of the session
 * check, and now and then a presence write.
 */
export const GET = route(async (request) => {
  const user = await requireUser(request);
  const activeAt = request.headers.get("handoff-active")
    ? await reportPresence(user.id, user.control.activeAt)
    : user.control.activeAt;
  const etag = listEtag(user.control.marker);
  const headers = { ETag: etag, "Handoff-Active-At": String(activeAt) };
  if (ifNoneMatch(request, etag)) return empty(304, headers);
  const { marker, kinds } = user.control;
  return json<PulseAnswer>({ marker, kinds, activeAt }, { headers });
});

import { requireUser } from "@/lib/server/auth/session";
import { revokeAllSessions } from "@/lib/server/auth/sessions";
import { empty, route } from "@/lib/server/http/respond";

/** "Sign out everywhere": every session of the user ends, this one included. */
export const DELETE = route(async (request) => {
  const user = await requireUser(request);
  await revokeAllSessions(user.id);
  return empty(204);
});

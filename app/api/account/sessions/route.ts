import { requireUser } from "@/lib/auth/session";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { empty, route } from "@/lib/http/respond";

/** "Sign out everywhere": every session of the user ends, this one included. */
export const DELETE = route(async (request) => {
  const user = await requireUser(request);
  await revokeAllSessions(user.id);
  return empty(204);
});

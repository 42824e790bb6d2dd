import { changePassword } from "@/lib/server/auth/accounts";
import { requireUser } from "@/lib/server/auth/session";
import { freshSession } from "@/lib/server/auth/session-cookie";
import { signSessionHint } from "@/lib/server/auth/session-hint";
import { readJson } from "@/lib/server/http/body";
import { json, route } from "@/lib/server/http/respond";
import { passwordChangeSchema } from "@/lib/shared/account/schema";

/** Every other session ends; this device gets a new session cookie in the answer. */
export const PUT = route(async (request) => {
  const user = await requireUser(request);
  const { currentPassword, newPassword } = await readJson(request, passwordChangeSchema);
  const endedAt = await changePassword(user, currentPassword, newPassword);
  const fresh = await freshSession(request, user, endedAt + 1);
  const sessionHint = signSessionHint({ userId: user.id, ...fresh.session });
  const response = json({ changed: true, sessionHint, sessionEndsIn: fresh.endsIn });
  fresh.setCookie(response);
  return response;
});

import { passwordChangeSchema } from "@/lib/account/schema";
import { changePassword } from "@/lib/auth/accounts";
import { requireUser } from "@/lib/auth/session";
import { setFreshSessionCookie } from "@/lib/auth/session-cookie";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/respond";

/** Every other session ends; this device gets a new session cookie in the answer. */
export const PUT = route(async (request) => {
  const user = await requireUser(request);
  const { currentPassword, newPassword } = await readJson(request, passwordChangeSchema);
  const endedAt = await changePassword(user, currentPassword, newPassword);
  const response = json({ changed: true });
  await setFreshSessionCookie(request, response, user, endedAt + 1);
  return response;
});

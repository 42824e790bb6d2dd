import "server-only";
import { randomUUID } from "node:crypto";
import { getStore } from "@/lib/server/store";
import type { Credentials } from "@/lib/shared/auth/schema";
import { AppError } from "@/lib/shared/errors";
import { hashPassword, verifyPassword } from "./password";
import { assertUncommonPassword } from "./password-rules";
import { revokeAllSessions } from "./sessions";
import { assertAccountNotLocked, recordSignIn } from "./throttle";

export async function createAccount({ email, password }: Credentials) {
  assertUncommonPassword(password);
  const user = {
    id: randomUUID(),
    email,
    passwordHash: await hashPassword(password),
    createdAt: new Date().toISOString(),
  };
  await getStore().createUser(user);
  return { id: user.id, email: user.email };
}

// Verified against when the email is unknown, so both failures take the same time.
const decoy = hashPassword(randomUUID());

/** The account for these credentials, or null. Never says which half was wrong. */
export async function authenticate({ email, password }: Credentials) {
  const user = await getStore().findUserByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoy));
  return user && valid ? { id: user.id, email: user.email } : null;
}

/**
 * Changes the password after checking the current one (wrong guesses count like wrong
 * sign-ins), then ends every session that began until now. Returns that time: the caller gives
 * this device a session started after it.
 */
export async function changePassword(
  user: { id: string; email: string | null },
  currentPassword: string,
  newPassword: string,
): Promise<number> {
  if (!user.email) {
    throw new AppError("bad_request", "This account signs in with GitHub and has no password");
  }
  await assertAccountNotLocked(user.email);
  const account = await authenticate({ email: user.email, password: currentPassword });
  await recordSignIn(user.email, account !== null);
  if (!account || account.id !== user.id) {
    throw new AppError("validation_failed", "currentPassword: is not your current password");
  }
  assertUncommonPassword(newPassword, "newPassword");
  await getStore().setPasswordHash(user.email, await hashPassword(newPassword));
  return revokeAllSessions(user.id);
}

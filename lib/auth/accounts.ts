import "server-only";
import { randomUUID } from "node:crypto";
import { getStore } from "@/lib/store";
import { hashPassword, verifyPassword } from "./password";
import type { Credentials } from "./schema";

export async function createAccount({ email, password }: Credentials) {
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

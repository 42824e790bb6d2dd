import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { AppError } from "@/lib/shared/errors";

/**
 * Attempt counters live in the store (with an expiry), not in this process, so every instance
 * sees the same count and a restart resets nothing. Keys hold a hash, never an email or address.
 */
const key = (what: string, value: string) =>
  `${what}:${createHash("sha256").update(value).digest("hex").slice(0, 32)}`;

const windowMs = () => env.HANDOFF_THROTTLE_WINDOW_SECONDS * 1000;

function tooMany(resetAt: number, what: string): AppError {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    "too_many_requests",
    `Too many ${what}; try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}`,
    undefined,
    seconds,
  );
}

/**
 * Before a password is checked: refused while the account is locked (too many wrong passwords,
 * whoever sent them) or this address has tried too often. Counts the attempt for the address.
 */
export async function admitSignIn(email: string, address: string) {
  const store = getStore();
  const failures = await store.readCounter(key("signin-account", email));
  if (failures && failures.count >= env.HANDOFF_SIGNIN_FAILURES_PER_ACCOUNT)
    throw tooMany(failures.resetAt, "wrong passwords for this account");
  const attempts = await store.hitCounter(key("signin-address", address), windowMs());
  if (attempts.count > env.HANDOFF_SIGNIN_ATTEMPTS_PER_ADDRESS)
    throw tooMany(attempts.resetAt, "sign-in attempts from your network");
}

/** A wrong password counts against the account; a right one clears its count. */
export async function recordSignIn(email: string, ok: boolean) {
  const store = getStore();
  if (ok) await store.clearCounter(key("signin-account", email));
  else await store.hitCounter(key("signin-account", email), windowMs());
}

/** Throws when the account is locked; for password checks other than sign-in. */
export async function assertAccountNotLocked(email: string) {
  const failures = await getStore().readCounter(key("signin-account", email));
  if (failures && failures.count >= env.HANDOFF_SIGNIN_FAILURES_PER_ACCOUNT)
    throw tooMany(failures.resetAt, "wrong passwords for this account");
}

/** Counts a sign-up from this address, refusing past the limit. */
export async function admitSignUp(address: string) {
  const count = await getStore().hitCounter(key("signup-address", address), windowMs());
  if (count.count > env.HANDOFF_SIGNUPS_PER_ADDRESS)
    throw tooMany(count.resetAt, "new accounts from your network");
}

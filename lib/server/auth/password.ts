import "server-only";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import pLimit from "p-limit";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// N=2^15 takes ~95 ms per hash on this 2-core machine; OWASP suggests 2^17 (~375 ms here), which
// would make every sign-in and sign-up wait that long. The cost is stored with each hash, so it
// can be raised later without breaking existing logins.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/**
 * scrypt runs on libuv's thread pool (4 threads), which file and DNS work share: a flood of
 * sign-ins could take every thread and stall everyone's polls. So at most
 * HANDOFF_PASSWORD_HASH_CONCURRENCY hashes run at once per instance, a short queue waits, and
 * beyond it a sign-in is told to try again in a second.
 */
const slots = pLimit(env.HANDOFF_PASSWORD_HASH_CONCURRENCY);

export const hashQueueFull = () => slots.pendingCount >= env.HANDOFF_PASSWORD_HASH_QUEUE;

function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashQueueFull()) {
    throw new AppError(
      "too_many_requests",
      "Too many people are signing in right now; try again in a moment",
      undefined,
      1,
    );
  }
  return slots(work);
}

/** Stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking logins. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await withHashSlot(() =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, PARAMS),
  );
  return [
    "scrypt",
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString("base64"),
    hash.toString("base64"),
  ].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, "base64");
  const actual = await withHashSlot(() =>
    scrypt(password.normalize("NFKC"), Buffer.from(saltB64, "base64"), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: PARAMS.maxmem,
    }),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

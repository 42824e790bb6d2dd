import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/server/auth/secret";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";

/**
 * Sealed storage: the server encrypts (AES-256-GCM) what a browser must keep but need not
 * read, and the browser holds only the ciphertext. The key is HANDOFF_SEAL_KEY, or else one
 * derived (HKDF) from the session secret, so no extra configuration is needed.
 */
let key: Buffer | undefined;
function sealKey(): Buffer {
  if (key) return key;
  if (env.HANDOFF_SEAL_KEY) key = Buffer.from(env.HANDOFF_SEAL_KEY, "base64");
  else if (authSecret)
    key = Buffer.from(hkdfSync("sha256", authSecret, "", "handoff sealed storage v1", 32));
  else
    throw new AppError("internal", "No key to seal with: set NEXTAUTH_SECRET or HANDOFF_SEAL_KEY");
  return key;
}

/** Thrown by `unseal` for a token that was sound but has outlived its time. */
export class SealExpiredError extends AppError {
  constructor() {
    super("bad_request", "The sealed data has expired; enter it again");
  }
}

/**
 * `purpose` is bound into the ciphertext: a token sealed for one use opens for no other. The
 * expiry is sealed inside too, so a copy kept past it opens for nothing.
 */
export function seal(value: unknown, purpose: string, ttlMs: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(), iv);
  cipher.setAAD(Buffer.from(purpose));
  const plain = JSON.stringify({ v: value, exp: Date.now() + ttlMs });
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

export function unseal(token: string, purpose: string, now = Date.now()): unknown {
  let sealed: { v?: unknown; exp?: unknown };
  try {
    const raw = Buffer.from(token, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", sealKey(), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]);
    sealed = JSON.parse(plain.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The sealed data is damaged or was sealed with another key");
  }
  if (typeof sealed.exp !== "number" || sealed.exp <= now) throw new SealExpiredError();
  return sealed.v;
}

import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/server/env";

/**
 * The key that signs and encrypts session JWTs. Production must supply NEXTAUTH_SECRET (the env
 * check refuses to start otherwise). In development one is generated once and kept under the
 * data folder, so a restart of `npm run dev` signs nobody out.
 */
function resolveAuthSecret(): string | undefined {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.NODE_ENV === "production") return undefined; // only reachable during `next build`
  const file = path.join(env.HANDOFF_DATA_DIR, "nextauth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(env.HANDOFF_DATA_DIR, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // "wx" so two processes starting at once agree on the first secret written.
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}

export const authSecret = resolveAuthSecret();

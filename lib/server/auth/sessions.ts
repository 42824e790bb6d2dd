import "server-only";
import type { JWT } from "next-auth/jwt";
import { env } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { type SessionRef, withAllRevoked, withRevoked } from "./session-control";

/** The session a token belongs to. */
export const sessionRef = (token: JWT): SessionRef => ({
  sid: token.sid ?? "",
  startedAt: token.startedAt ?? 0,
  expiresAt: typeof token.exp === "number" ? token.exp * 1000 : Date.now(),
});

/** Ends one session (sign-out): its token is refused from the next request on, everywhere. */
export function revokeSession(userId: string, session: SessionRef) {
  return getStore().updateSessions(userId, (control) =>
    withRevoked(control, session, env.HANDOFF_MAX_REVOKED_SESSIONS),
  );
}

/**
 * Ends every session of the user that began until now; returns that time. A session started
 * after it (say, this device signing in again) is unaffected.
 */
export async function revokeAllSessions(userId: string): Promise<number> {
  const now = Date.now();
  await getStore().updateSessions(userId, (control) => withAllRevoked(control, now));
  return now;
}

import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "./secret";
import type { SessionRef } from "./session-control";

/**
 * A page's session hint (see SESSION_HINT_HEADER): the user, the session's id and start,
 * signed with a key derived from the session secret, so a request without a cookie can still
 * be told why its session ended, and nobody can ask about a session that is not theirs.
 */
export interface HintedSession extends Pick<SessionRef, "sid" | "startedAt"> {
  userId: string;
}

let key: Buffer | undefined;
const hintKey = () => {
  key ??= Buffer.from(hkdfSync("sha256", authSecret ?? "", "", "handoff session hint v1", 32));
  return key;
};

const mac = (payload: string) =>
  createHmac("sha256", hintKey()).update(payload).digest("base64url");

export function signSessionHint(session: HintedSession): string {
  const payload = Buffer.from(
    JSON.stringify([session.userId, session.sid, session.startedAt]),
  ).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

export function readSessionHint(value: string | null): HintedSession | null {
  if (!value || value.length > 1024) return null;
  const [payload = "", signature = ""] = value.split(".");
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [userId, sid, startedAt] = JSON.parse(Buffer.from(payload, "base64url").toString());
    if (typeof userId !== "string" || typeof sid !== "string" || typeof startedAt !== "number")
      return null;
    return { userId, sid, startedAt };
  } catch {
    return null;
  }
}

import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { encode } from "next-auth/jwt";
import { env } from "@/lib/server/env";
import { authSecret } from "./secret";

const NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * A new session token for this device (after a password change, which ends every session that
 * began before it), with next-auth's cookie name and attributes. `session` is its id and start,
 * for the page's session hint; `setCookie` puts it on the answer.
 */
export async function freshSession(
  request: NextRequest,
  user: { id: string; email: string | null },
  startedAt: number,
) {
  const name =
    NAMES.find((candidate) => request.cookies.has(candidate)) ??
    (request.nextUrl.protocol === "https:" ? NAMES[0] : NAMES[1]);
  const sid = crypto.randomUUID();
  const value = await encode({
    secret: authSecret as string,
    maxAge: env.SESSION_MAX_AGE_SECONDS,
    token: { sub: user.id, email: user.email, sid, startedAt },
  });
  return {
    session: { sid, startedAt },
    /** How long the new session has (ms): its token expires then. */
    endsIn: env.SESSION_MAX_AGE_SECONDS * 1000,
    setCookie(response: NextResponse) {
      response.cookies.set(name as string, value, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: name?.startsWith("__Secure-") ?? false,
        maxAge: env.SESSION_MAX_AGE_SECONDS,
      });
    },
  };
}

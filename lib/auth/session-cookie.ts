import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { authSecret } from "./secret";

const NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * Gives this device a new session token (used after a password change, which ends every
 * session that began before it). Same cookie name and attributes as next-auth's own.
 */
export async function setFreshSessionCookie(
  request: NextRequest,
  response: NextResponse,
  user: { id: string; email: string | null },
  startedAt: number,
) {
  const name =
    NAMES.find((candidate) => request.cookies.has(candidate)) ??
    (request.nextUrl.protocol === "https:" ? NAMES[0] : NAMES[1]);
  const value = await encode({
    secret: authSecret as string,
    maxAge: env.SESSION_MAX_AGE_SECONDS,
    token: { sub: user.id, email: user.email, sid: crypto.randomUUID(), startedAt },
  });
  response.cookies.set(name as string, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name?.startsWith("__Secure-") ?? false,
    maxAge: env.SESSION_MAX_AGE_SECONDS,
  });
}

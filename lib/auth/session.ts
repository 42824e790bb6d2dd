import "server-only";
import type { NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { authSecret } from "./secret";

/**
 * The signed-in user's id, from the JWT cookie alone (no store read). This is the only source
 * of a user id for data access: ids in bodies, paths or queries are never trusted.
 */
export async function requireUserId(request: NextRequest): Promise<string> {
  const token = await getToken({ req: request, secret: authSecret });
  if (!token?.sub) throw new AppError("unauthorized", "Sign in to continue");
  return token.sub;
}

/** For server components: the session user, or null. */
export async function currentUser() {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? { id: session.user.id, email: session.user.email ?? null } : null;
}

import "server-only";
import type { NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/errors";
import { getStore, type UserControl } from "@/lib/store";
import { authOptions } from "./options";
import { authSecret } from "./secret";
import { isRevoked, type SessionRef } from "./session-control";
import { sessionRef } from "./sessions";

export interface SignedInUser {
  id: string;
  email: string | null;
  session: SessionRef;
  /** Read once per request; the drafts list's ETag is its marker, so a poll reads nothing else. */
  control: UserControl;
}

const ended = () => new AppError("unauthorized", "Your session has ended; sign in again");

/**
 * The signed-in user, from the JWT cookie and one point read of their control document (which
 * says whether this session was signed out). The only source of a user id for data access:
 * ids in bodies, paths or queries are never trusted.
 */
export async function requireUser(request: NextRequest): Promise<SignedInUser> {
  const token = await getToken({ req: request, secret: authSecret });
  if (!token?.sub) throw new AppError("unauthorized", "Sign in to continue");
  const session = sessionRef(token);
  const control = await getStore().getControl(token.sub);
  if (isRevoked(session, control)) throw ended();
  return { id: token.sub, email: token.email ?? null, session, control };
}

export const requireUserId = async (request: NextRequest) => (await requireUser(request)).id;

/** For server components: the session user, or null (also when the session was revoked). */
export async function currentUser() {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? { id: session.user.id, email: session.user.email ?? null } : null;
}

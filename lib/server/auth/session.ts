import "server-only";
import type { NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { getStore, type UserControl } from "@/lib/server/store";
import { SESSION_HINT_HEADER, type SessionEnd } from "@/lib/shared/auth/session-end";
import { AppError } from "@/lib/shared/errors";
import { authOptions } from "./options";
import { authSecret } from "./secret";
import { type SessionRef, sessionEnd } from "./session-control";
import { readSessionHint, signSessionHint } from "./session-hint";
import { sessionRef } from "./sessions";

export interface SignedInUser {
  id: string;
  email: string | null;
  session: SessionRef;
  /** Read once per request; the drafts list's ETag is its marker, so a poll reads nothing else. */
  control: UserControl;
}

const MESSAGES: Record<SessionEnd, string> = {
  signed_out: "This session was signed out; sign in again",
  revoked: "Every session of this account was ended; sign in again",
  expired: "Your session has expired; sign in again",
  deleted: "This account was deleted",
};

/** A 401 that says why: `{ error, reason }`, so every tab of the user shows the same notice. */
const ended = (reason: SessionEnd) => new AppError("unauthorized", MESSAGES[reason], { reason });

/**
 * No valid session cookie. A page of ours says which session it had (a signed hint); the
 * control document then tells why it ended. Without a hint, nobody was signed in.
 */
async function missingSession(request: NextRequest) {
  const hint = readSessionHint(request.headers.get(SESSION_HINT_HEADER));
  if (!hint) return new AppError("unauthorized", "Sign in to continue");
  const control = await getStore().getControl(hint.userId);
  return ended(sessionEnd(hint, control) ?? "expired");
}

/**
 * The signed-in user, from the JWT cookie and one point read of their control document (which
 * says whether this session was signed out). The only source of a user id for data access:
 * ids in bodies, paths or queries are never trusted.
 */
export async function requireUser(request: NextRequest): Promise<SignedInUser> {
  const token = await getToken({ req: request, secret: authSecret });
  if (!token?.sub) throw await missingSession(request);
  const session = sessionRef(token);
  const control = await getStore().getControl(token.sub);
  const end = sessionEnd(session, control);
  if (end) throw ended(end);
  return { id: token.sub, email: token.email ?? null, session, control };
}

export const requireUserId = async (request: NextRequest) => (await requireUser(request)).id;

/** For server components: the session user, or null (also when the session was revoked). */
export async function currentUser() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const { id, email } = session.user;
  return {
    id,
    email: email ?? null,
    sessionHint: signSessionHint({ userId: id, sid: session.sid, startedAt: session.startedAt }),
    /**
     * How long the session has left as this page is made (ms): a device whose clock is off
     * still counts it right, from when the page arrives (see SignedInShell).
     */
    sessionEndsIn: session.endsAt > 0 ? Math.max(0, session.endsAt - Date.now()) : null,
  };
}

import "server-only";
import type { RevokedSession, SessionControl, UserControl } from "@/lib/server/store/types";
import type { SessionEnd } from "@/lib/shared/auth/session-end";

/** What a session token carries to tell it apart from the user's other sessions. */
export interface SessionRef {
  sid: string;
  /** ms since the epoch; tokens made before sessions had ids count as started at 0. */
  startedAt: number;
  /** When the token expires, ms since the epoch. */
  expiresAt: number;
}

/**
 * Why a session is over, as the control document says; null while it is valid. A signed-out
 * session that was folded into the valid-after time (past the list's limit) reads as revoked.
 */
export function sessionEnd(
  session: Pick<SessionRef, "sid" | "startedAt">,
  control: SessionControl & Partial<Pick<UserControl, "deletedAt">>,
): Exclude<SessionEnd, "expired"> | null {
  if (control.deletedAt && session.startedAt <= control.deletedAt) return "deleted";
  if (control.revoked.some((entry) => entry.sid === session.sid)) return "signed_out";
  if (session.startedAt <= control.sessionsValidAfter) return "revoked";
  return null;
}

export const isRevoked = (
  session: Pick<SessionRef, "sid" | "startedAt">,
  control: SessionControl & Partial<Pick<UserControl, "deletedAt">>,
) => sessionEnd(session, control) !== null;

/**
 * Adds one session to the revoked list. Entries whose tokens have expired are dropped (the token
 * is refused anyway); past `max` entries the oldest-started are folded into the valid-after
 * time, which ends them and any session older still, so the list stays small.
 */
export function withRevoked(
  control: SessionControl,
  session: SessionRef,
  max: number,
  now = Date.now(),
): SessionControl {
  if (isRevoked(session, control)) return control;
  const entry: RevokedSession = {
    sid: session.sid,
    startedAt: session.startedAt,
    expiresAt: session.expiresAt,
  };
  const revoked = [...control.revoked.filter((e) => e.expiresAt > now), entry].sort(
    (a, b) => a.startedAt - b.startedAt,
  );
  let { sessionsValidAfter } = control;
  while (revoked.length > max) {
    const oldest = revoked.shift() as RevokedSession;
    sessionsValidAfter = Math.max(sessionsValidAfter, oldest.startedAt);
  }
  return {
    sessionsValidAfter,
    revoked: revoked.filter((e) => e.startedAt > sessionsValidAfter),
  };
}

/** Every session that began up to `now` is over; the list is no longer needed. */
export const withAllRevoked = (control: SessionControl, now = Date.now()): SessionControl => ({
  sessionsValidAfter: Math.max(control.sessionsValidAfter, now),
  revoked: [],
});

/**
 * Why a session is over, as the server tells it in a 401 (`reason`), read from the user's
 * control document: signed out in this browser, ended everywhere ("Sign out everywhere" or a
 * password change), expired, or the account deleted. Every tab shows the same notice for it.
 */
export const SESSION_ENDS = ["signed_out", "revoked", "expired", "deleted"] as const;
export type SessionEnd = (typeof SESSION_ENDS)[number];

export const isSessionEnd = (value: unknown): value is SessionEnd =>
  SESSION_ENDS.includes(value as SessionEnd);

/** What the sign-in page says after each. */
export const SESSION_END_NOTICE: Record<SessionEnd, string> = {
  signed_out: "You signed out. Nothing of yours is left in this browser.",
  revoked:
    "You were signed out on every device (“Sign out everywhere” or a password change). Sign in again to continue.",
  expired: "Your session expired, and this device forgot your data. Sign in again to continue.",
  deleted: "Your account and everything in it was deleted.",
};

export const signInAfter = (reason: SessionEnd) => `/signin?ended=${reason}`;

/**
 * Which session a signed-in page belongs to, sent with each of its API requests: when the
 * session cookie is gone (signed out in another tab, or expired in the browser), the server can
 * still look up why in the control document. Signed by the server, opaque to the page; it
 * opens nothing.
 */
export const SESSION_HINT_HEADER = "Handoff-Session";

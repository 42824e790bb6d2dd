import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string };
    /** The session's id and start (see JWT below), for the page's session hint. */
    sid: string;
    startedAt: number;
    /** When the session's token expires (its `exp`), ms since the epoch. */
    endsAt: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** This session's id, for revoking it alone (set at sign-in, kept on refresh). */
    sid?: string;
    /** When this session began, ms since the epoch. */
    startedAt?: number;
  }
}

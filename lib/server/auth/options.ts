import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { env } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { credentialsSchema } from "@/lib/shared/auth/schema";
import { isAppError } from "@/lib/shared/errors";
import { authenticate } from "./accounts";
import { authSecret } from "./secret";
import { isRevoked } from "./session-control";
import { revokeSession, sessionRef } from "./sessions";
import { recordSignIn } from "./throttle";

const REVOKED = "This session was signed out";

export const githubEnabled = Boolean(env.GITHUB_ID && env.GITHUB_SECRET);

/**
 * Sessions are JWTs in a cookie and nothing else: no adapter, no session table, so any server
 * instance can serve any request and a restart signs nobody out.
 */
export const authOptions: NextAuthOptions = {
  secret: authSecret,
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
  // next-auth gives the token itself 30 days unless told: a copied cookie would outlive the
  // session by that much, and the poke stream would never learn that the session is over.
  jwt: { maxAge: env.SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      // Locked accounts and busy addresses never get here: app/api/auth answers them 429 first.
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await authenticate(parsed.data);
        await recordSignIn(parsed.data.email, user !== null);
        return user;
      },
    }),
    ...(githubEnabled
      ? [
          GitHubProvider({
            clientId: env.GITHUB_ID as string,
            clientSecret: env.GITHUB_SECRET as string,
          }),
        ]
      : []),
  ],
  callbacks: {
    async jwt({ token, account, user }) {
      if (user) {
        // A new session: its own id, so it can be signed out alone.
        token.sid = randomUUID();
        token.startedAt = Date.now();
        // GitHub ids are numbers that could collide with nothing of ours, but keep them apart anyway.
        if (account?.provider === "github") token.sub = `github:${account.providerAccountId}`;
        return token;
      }
      // Every refresh (each page render, /api/auth/session) asks whether the session was signed
      // out; throwing makes next-auth clear the cookie instead of extending a revoked token.
      if (token.sub) {
        try {
          const control = await getStore().getControl(token.sub);
          if (isRevoked(sessionRef(token), control)) throw new Error("This session was signed out");
        } catch (error) {
          // A store outage must not sign everyone out; API routes answer 503 meanwhile.
          if (!(isAppError(error) && error.code === "store_unavailable")) throw error;
        }
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      // Not credentials: the page sends them as its session hint (lib/shared/auth/session-end).
      session.sid = token.sid ?? "";
      session.startedAt = token.startedAt ?? 0;
      // Sessions are absolute: a page render cannot set a cookie and no page asks
      // /api/auth/session (which would re-issue the token), so `exp` stays until a password
      // change issues a new token, whose end the page is told (lib/browser/sync/client.ts).
      session.endsAt = typeof token.exp === "number" ? token.exp * 1000 : 0;
      return session;
    },
  },
  logger: {
    // A revoked session refused on refresh is expected, not an error worth a stack trace.
    error(code, metadata) {
      const message =
        metadata instanceof Error ? metadata.message : (metadata as { message?: string })?.message;
      if (code === "JWT_SESSION_ERROR" && message === REVOKED) return;
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
  events: {
    // Sign-out revokes the session on the server too: a copy of the cookie is worth nothing.
    async signOut({ token }) {
      if (token?.sub && token.sid) await revokeSession(token.sub, sessionRef(token));
    },
  },
};

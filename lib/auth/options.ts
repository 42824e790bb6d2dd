import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { env } from "@/lib/env";
import { authenticate } from "./accounts";
import { credentialsSchema } from "./schema";
import { authSecret } from "./secret";

export const githubEnabled = Boolean(env.GITHUB_ID && env.GITHUB_SECRET);

/**
 * Sessions are JWTs in a cookie and nothing else: no adapter, no session table, so any server
 * instance can serve any request and a restart signs nobody out.
 */
export const authOptions: NextAuthOptions = {
  secret: authSecret,
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials);
        return parsed.success ? authenticate(parsed.data) : null;
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
    jwt({ token, account }) {
      // GitHub ids are numbers that could collide with nothing of ours, but keep them apart anyway.
      if (account?.provider === "github") token.sub = `github:${account.providerAccountId}`;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};

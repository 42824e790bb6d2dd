import NextAuth from "next-auth";
import { guardAuthRoute } from "@/lib/server/auth/auth-route";
import { authOptions } from "@/lib/server/auth/options";

const handler = guardAuthRoute(NextAuth(authOptions));

export { handler as GET, handler as POST };

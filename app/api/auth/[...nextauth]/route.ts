import NextAuth from "next-auth";
import { guardAuthRoute } from "@/lib/auth/auth-route";
import { authOptions } from "@/lib/auth/options";

const handler = guardAuthRoute(NextAuth(authOptions));

export { handler as GET, handler as POST };

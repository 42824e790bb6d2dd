import "server-only";
import { env, trustProxy } from "@/lib/server/env";

/**
 * Stamped on every request by lib/http/request-guard.ts with the socket's address, always
 * overwriting whatever a client sent. Next passes a client's X-Forwarded-For through untouched
 * and gives route handlers no socket, so this is how a handler learns who really connected.
 */
export const PEER_HEADER = "x-handoff-peer";

/**
 * The address per-address limits count against. Behind a trusted proxy (HANDOFF_TRUST_PROXY=1,
 * or on Vercel) it is the last X-Forwarded-For entry, the one the proxy itself appended; a
 * client can add entries before it but cannot change it. Otherwise it is the socket's address.
 */
export function clientAddress(request: Request, trusted = trustProxy(env)): string {
  if (trusted) {
    const hops = (request.headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  return request.headers.get(PEER_HEADER) ?? "unknown";
}

import "server-only";
import { env, trustProxy } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The hosts this app is served as: the Host header, the proxy's, and NEXTAUTH_URL's. */
function ownHosts(request: Request): Set<string> {
  const hosts = new Set<string>();
  const host = request.headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  const forwarded = trustProxy(env) ? request.headers.get("x-forwarded-host") : null;
  if (forwarded) hosts.add(forwarded.split(",")[0]?.trim().toLowerCase() ?? "");
  if (env.NEXTAUTH_URL) hosts.add(new URL(env.NEXTAUTH_URL).host.toLowerCase());
  return hosts;
}

/**
 * Refuses a state-changing request that a browser sent from another site. Browsers send
 * Sec-Fetch-Site and Origin on every such request; tools like curl send neither and are not a
 * cross-site risk (they hold no victim's cookie), so a request without both passes.
 */
export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  const refuse = () =>
    new AppError("forbidden", "Cross-site requests are refused; use Handoff's own pages");
  if (site && site !== "same-origin" && site !== "none") throw refuse();
  const origin = request.headers.get("origin");
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    throw refuse(); // "null" (sandboxed frames, file:) and garbage
  }
  if (!ownHosts(request).has(host)) throw refuse();
}

/**
 * Every API route and method a client can call, with the path parameters it takes. The
 * security suite walks all of them; a new route added here is fuzzed and checked across users.
 */
export type Param = "draft" | "order" | "video" | "trash" | "version";

export interface RouteSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
}

export const ROUTES: RouteSpec[] = [
  { method: "GET", path: "/api/drafts" },
  { method: "POST", path: "/api/drafts" },
  { method: "GET", path: "/api/drafts/:draft" },
  { method: "PUT", path: "/api/drafts/:draft" },
  { method: "DELETE", path: "/api/drafts/:draft" },
  { method: "GET", path: "/api/drafts/:draft/history" },
  { method: "GET", path: "/api/drafts/:draft/history/:version" },
  { method: "GET", path: "/api/trash" },
  { method: "DELETE", path: "/api/trash" },
  { method: "DELETE", path: "/api/trash/:trash" },
  { method: "POST", path: "/api/trash/:trash/restore" },
  { method: "GET", path: "/api/undo" },
  { method: "POST", path: "/api/undo" },
  { method: "GET", path: "/api/cart" },
  { method: "PUT", path: "/api/cart" },
  { method: "POST", path: "/api/cart/checkout" },
  { method: "GET", path: "/api/orders" },
  { method: "GET", path: "/api/orders/:order" },
  { method: "GET", path: "/api/application" },
  { method: "PUT", path: "/api/application" },
  { method: "POST", path: "/api/application/submit" },
  { method: "GET", path: "/api/application/submissions" },
  { method: "GET", path: "/api/positions/:video" },
  { method: "PUT", path: "/api/positions/:video" },
  { method: "GET", path: "/api/settings" },
  { method: "PUT", path: "/api/settings" },
  { method: "GET", path: "/api/shipping" },
  { method: "POST", path: "/api/shipping/seal" },
  { method: "POST", path: "/api/import" },
  { method: "POST", path: "/api/users" },
  { method: "GET", path: "/api/account" },
  { method: "PUT", path: "/api/account/password" },
  { method: "GET", path: "/api/auth/session" },
  { method: "GET", path: "/api/auth/csrf" },
  { method: "POST", path: "/api/auth/callback/credentials" },
  { method: "GET", path: "/api/health" },
];

/**
 * Routes that end the caller's own session or account when they succeed. They are left out of
 * the random walk (it needs its session to go on) and tested on their own in sessions.spec.ts.
 */
export const SESSION_ENDING: RouteSpec[] = [
  { method: "DELETE", path: "/api/account" },
  { method: "DELETE", path: "/api/account/sessions" },
  { method: "POST", path: "/api/auth/signout" },
];

export const fillPath = (path: string, params: Record<Param, string>) =>
  path.replace(/:(draft|order|video|trash|version)/g, (_, name: Param) => params[name]);

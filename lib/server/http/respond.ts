import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { withCommits } from "@/lib/server/store/written";
import { recordRequest, telemetryOn } from "@/lib/server/telemetry/metrics";
import { AppError, type ErrorBody } from "@/lib/shared/errors";
import { OWN_KINDS_HEADER, OWN_MARKERS_HEADER } from "@/lib/shared/sync/live";
import { assertSameOrigin } from "./same-origin";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** Per-user JSON must never sit in a shared cache, nor in the browser's disk cache. */
const PRIVATE = { "Cache-Control": "private, no-store" };

export function json<T>(body: T, init: { status?: number; headers?: Record<string, string> } = {}) {
  return NextResponse.json(body, {
    status: init.status ?? 200,
    headers: { ...PRIVATE, ...init.headers },
  });
}

/**
 * No Cache-Control here: a 304 only refreshes a stored response, and ours are never stored
 * (no-store), so on the hottest path, the idle poll, it would be bytes for nothing.
 */
export function empty(status: 204 | 304, headers: Record<string, string> = {}) {
  return new NextResponse(null, { status, headers });
}

export function errorResponse(error: unknown) {
  const appError =
    error instanceof AppError
      ? error
      : new AppError("internal", "Something went wrong on our side; try again");
  if (!(error instanceof AppError)) console.error("[handoff] unhandled error in route", error);
  const body: ErrorBody & Record<string, unknown> = {
    ...appError.extra,
    error: { code: appError.code, message: appError.message },
  };
  const retryAfter = appError.retryAfter ?? (appError.code === "store_unavailable" ? 2 : undefined);
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { "Retry-After": String(Math.max(1, Math.ceil(retryAfter))) };
  return json(body, { status: appError.status, headers });
}

/**
 * Wraps a route handler: cross-site writes are refused before it runs, every thrown error
 * becomes the one JSON error shape, and an answer to a request that committed says with which
 * markers (OWN_MARKERS_HEADER).
 */
export function route<C>(handler: (request: NextRequest, context: C) => Promise<Response>) {
  return async (request: NextRequest, context: C) => {
    const started = performance.now();
    let response: Response;
    try {
      assertSameOrigin(request);
      if (SAFE_METHODS.has(request.method)) {
        // Reads never commit: the pulse, the hottest path, skips the bookkeeping.
        response = await handler(request, context);
      } else {
        const [answer, { markers, kinds }] = await withCommits(() => handler(request, context));
        if (markers.length) answer.headers.set(OWN_MARKERS_HEADER, markers.join(","));
        if (kinds.size) answer.headers.set(OWN_KINDS_HEADER, [...kinds].join(","));
        response = answer;
      }
    } catch (error) {
      response = errorResponse(error);
    }
    if (!telemetryOn) return response;
    recordRequest(
      {
        "http.route": await routeTemplate(request, context),
        "http.request.method": request.method,
        "http.response.status_code": response.status,
      },
      performance.now() - started,
    );
    return response;
  };
}

/** `/api/drafts/[id]` rather than every draft's own path: metrics by route, not by document. */
async function routeTemplate(request: NextRequest, context: unknown) {
  let path = request.nextUrl.pathname;
  const params = (context as { params?: Promise<Record<string, string | string[]>> } | undefined)
    ?.params;
  const values: Record<string, string | string[]> = params ? await params.catch(() => ({})) : {};
  for (const [name, value] of Object.entries(values)) {
    for (const part of [value].flat())
      path = path.replace(`/${encodeURIComponent(part)}`, `/[${name}]`);
  }
  return path;
}

import "server-only";
import { NextRequest } from "next/server";
import { env } from "@/lib/server/env";
import { readBoundedText } from "@/lib/server/http/body";
import { clientAddress } from "@/lib/server/http/client-address";
import { errorResponse } from "@/lib/server/http/respond";
import { assertSameOrigin } from "@/lib/server/http/same-origin";
import { AppError } from "@/lib/shared/errors";
import { hashQueueFull } from "./password";
import { admitSignIn } from "./throttle";

type Handler = (
  request: NextRequest,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

const CREDENTIALS_CALLBACK = "/api/auth/callback/credentials";

/**
 * What next-auth's own routes lack: a bounded body (it would read any size), throttled
 * sign-in (429 with Retry-After before a password is hashed), cross-site refusal, and 4xx
 * instead of 500 for requests it does not expect.
 */
export function guardAuthRoute(handler: Handler): Handler {
  return async (request, context) => {
    const path = request.nextUrl.pathname;
    try {
      if (path === CREDENTIALS_CALLBACK && request.method !== "POST") {
        throw new AppError("method_not_allowed", "Sign in with a POST of the sign-in form");
      }
      if (request.method !== "POST") return await handler(request, context);
      assertSameOrigin(request);
      const type = request.headers.get("content-type") ?? "";
      if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
        throw new AppError(
          "unsupported_media_type",
          "Send the form as application/x-www-form-urlencoded",
        );
      }
      const body = await readBoundedText(request, env.HANDOFF_MAX_AUTH_REQUEST_BYTES);
      if (path === CREDENTIALS_CALLBACK) {
        if (hashQueueFull()) {
          throw new AppError(
            "too_many_requests",
            "Too many people are signing in right now; try again in a moment",
            undefined,
            1,
          );
        }
        const email = (new URLSearchParams(body).get("email") ?? "").trim().toLowerCase();
        await admitSignIn(email, clientAddress(request));
      }
      // The body was consumed above: hand next-auth a copy of the request with it.
      const copy = new NextRequest(request.url, {
        method: "POST",
        headers: request.headers,
        body,
      });
      return await handler(copy, context);
    } catch (error) {
      const response = errorResponse(error);
      if (path !== CREDENTIALS_CALLBACK || !(error instanceof AppError)) return response;
      // next-auth's client reads `url` from this answer and its `error` parameter; give it one
      // that carries the code and the seconds to wait, so the form can say how long.
      const body = (await response.json()) as Record<string, unknown>;
      const url = new URL("/signin", request.nextUrl.origin);
      url.searchParams.set("error", `${error.code}:${error.retryAfter ?? ""}`);
      return Response.json(
        { ...body, url: url.toString() },
        {
          status: response.status,
          headers: response.headers,
        },
      );
    }
  };
}

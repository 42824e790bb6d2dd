import type { ErrorCode } from "@/lib/errors";

/** An API answer that was not 2xx/304, or no answer at all (`status` 0: offline, DNS, reset). */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network",
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiClientError";
  }

  /** Worth retrying later with the same request: offline, 5xx, 429. */
  get transient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface ApiResponse<T> {
  status: number;
  etag: string | null;
  headers: Headers;
  /** Undefined for 204 and 304. */
  body: T | undefined;
}

let sessionEnded: (() => void) | null = null;
let leavingUntil = 0;

/**
 * This browser is signing out on purpose: for the next seconds, a 401 (a poll racing the
 * sign-out, whose session the server has just revoked) must not read as "your session ended".
 */
export function expectSignOut(forMs = 10_000) {
  leavingUntil = Date.now() + forMs;
}

/** Called when an API call answers 401: the session expired or was revoked. */
export function onSessionEnded(handler: () => void) {
  sessionEnded = handler;
  return () => {
    if (sessionEnded === handler) sessionEnded = null;
  };
}

export async function apiFetch<T>(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<ApiResponse<T>> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, {
      ...rest,
      cache: "no-store",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(json === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  } catch {
    throw new ApiClientError(0, "network", "No connection to the server");
  }
  const etag = response.headers.get("etag");
  const { headers: answerHeaders } = response;
  if (response.status === 204 || response.status === 304)
    return { status: response.status, etag, headers: answerHeaders, body: undefined };
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 401 && Date.now() > leavingUntil) sessionEnded?.();
  if (!response.ok) {
    const error = body.error as { code?: ErrorCode; message?: string } | undefined;
    throw new ApiClientError(
      response.status,
      error?.code ?? "internal",
      error?.message ?? `The server answered ${response.status}`,
      body,
    );
  }
  return { status: response.status, etag, headers: answerHeaders, body: body as T };
}

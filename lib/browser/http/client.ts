import type { ErrorCode } from "@/lib/shared/errors";

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

export type ApiRequest = RequestInit & { json?: unknown };

/**
 * How the browser talks to the API: a request in, the answer's status, ETag, headers and JSON
 * out; anything but 2xx/304 throws ApiClientError. A guest's client answers the same calls from
 * Web Storage instead (lib/browser/guest/local-api.ts).
 */
export type Http = <T>(url: string, init?: ApiRequest) => Promise<ApiResponse<T>>;

export interface HttpOptions {
  /** The network; tests pass one that calls the route handlers in process. */
  fetch?: typeof fetch;
  /** Headers sent with every request (the session hint of a signed-in client). */
  headers?: () => Record<string, string>;
  /** Called with the body of every 401, before it is thrown. */
  onUnauthorized?: (body: Record<string, unknown>) => void;
}

/** The API over the network: same origin, never cached, JSON both ways. */
export function createHttp(options: HttpOptions = {}): Http {
  return async <T>(url: string, init: ApiRequest = {}): Promise<ApiResponse<T>> => {
    const { json, headers, ...rest } = init;
    const send = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await send(url, {
        ...rest,
        cache: "no-store",
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          ...(json === undefined ? {} : { "Content-Type": "application/json" }),
          ...options.headers?.(),
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
    if (response.status === 401) options.onUnauthorized?.(body);
    if (!response.ok) throw errorFromBody(response.status, body);
    return { status: response.status, etag, headers: answerHeaders, body: body as T };
  };
}

/** The one error shape, `{ error: { code, message } }`, as the client's error. */
export function errorFromBody(status: number, body: Record<string, unknown>) {
  const error = body.error as { code?: ErrorCode; message?: string } | undefined;
  return new ApiClientError(
    status,
    error?.code ?? "internal",
    error?.message ?? `The server answered ${status}`,
    body,
  );
}

/** For forms outside any shell (sign-in, sign-up): the network, nothing else. */
export const apiFetch: Http = (url, init) => createHttp()(url, init);

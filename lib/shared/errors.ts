/**
 * The one error type of Handoff. Server code throws it; route handlers turn it into
 * `{ error: { code, message } }` with the status below; the client parses the same shape.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  quota_exceeded: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  too_many_requests: 429,
  internal: 500,
  store_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra JSON fields sent beside `error`, e.g. `current` on a version conflict. */
  readonly extra: Record<string, unknown> | undefined;
  /** Seconds until a retry may succeed (429, 503): sent as Retry-After. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra?: Record<string, unknown>,
    retryAfter?: number,
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.extra = extra;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

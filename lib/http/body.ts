import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Room for the largest valid draft (100 KB body) plus JSON escaping and the title. */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** One message a person can act on, e.g. "title: must be at most 200 characters". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
    )
    .join("; ");
}

/** Content type, size, JSON syntax, then the schema: each with its own status and code. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the body as JSON with Content-Type: application/json",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_REQUEST_BYTES) throw tooLarge();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("validation_failed", describeIssues(parsed.error));
  return parsed.data;
}

function tooLarge() {
  return new AppError(
    "payload_too_large",
    `The request body is larger than ${MAX_REQUEST_BYTES / 1024} KB`,
  );
}

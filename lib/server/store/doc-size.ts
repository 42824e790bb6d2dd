import "server-only";
import { AppError } from "@/lib/shared/errors";
import type { StoreLimits } from "./types";

/** The JSON a document's data is stored as, refused when it is larger than the limit. */
export function serializeData(data: unknown, limits: StoreLimits): string {
  const json = JSON.stringify(data);
  if (Buffer.byteLength(json) > limits.maxDocBytes) {
    throw new AppError(
      "payload_too_large",
      `This document would be larger than ${Math.floor(limits.maxDocBytes / 1024)} KB; make it shorter`,
    );
  }
  return json;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxDocBytes: 256 * 1024 };

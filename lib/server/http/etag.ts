import "server-only";
import { AppError } from "@/lib/shared/errors";
import { parseVersionTag } from "@/lib/shared/sync/kind";

// ETags are made in lib/shared/sync/kind.ts: a document's is its version ("v7"), a list's the
// user's change marker (W/"m12").

export function ifNoneMatch(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** The version a write was based on. Writes without one could silently undo someone's edit. */
export function requiredIfMatchVersion(request: Request): number {
  const header = request.headers.get("if-match");
  if (!header) {
    throw new AppError(
      "precondition_required",
      'Send If-Match with the ETag of the version you edited (e.g. If-Match: "v3")',
    );
  }
  const version = parseVersionTag(header);
  if (version === null)
    throw new AppError("bad_request", 'If-Match must be an ETag this API returned, like "v3"');
  return version;
}

// Plain JavaScript so the app (lib/store/index.ts) and scripts/cleanup-previews.mjs name
// preview containers the same way.
import { createHash } from "node:crypto";

export const PREVIEW_MARK = "-preview-";
const SLUG_CHARS = 40;

/**
 * The Cosmos DB container a deployment uses. Production and local runs use the configured
 * name; every Vercel preview gets its own, derived from its branch, so previews never share
 * data with production or with each other. The slug is readable and bounded; the hash keeps
 * apart branches whose slugs would be equal ("feat/a" and "feat-a").
 */
export function containerName({ container, vercelEnv, branch }) {
  if (vercelEnv !== "preview") return container;
  const ref = branch || "unknown";
  const slug =
    ref
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, SLUG_CHARS)
      .replace(/-+$/, "") || "branch";
  const hash = createHash("sha256").update(ref).digest("hex").slice(0, 8);
  return `${container}${PREVIEW_MARK}${slug}-${hash}`;
}

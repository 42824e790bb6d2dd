import "server-only";
import { env } from "@/lib/server/env";
import { type DocKind, getStore } from "@/lib/server/store";
import { AppError } from "@/lib/shared/errors";

/**
 * Refuses a create that would take the user past their limits: HANDOFF_MAX_DRAFTS drafts, and
 * HANDOFF_MAX_DOCS_PER_USER documents in all (orders, submissions, imports and the Trash grow
 * too). A move (a draft put back from the Trash) adds to its kind but not to the total.
 * Counted before the write; two creates racing may pass one over, which the limit absorbs.
 */
export async function assertRoomFor(
  userId: string,
  kind: DocKind,
  adding = 1,
  addingInAll = adding,
) {
  const store = getStore();
  if (kind === "draft") {
    const drafts = await store.countDocs(userId, "draft");
    if (drafts + adding > env.HANDOFF_MAX_DRAFTS) {
      throw new AppError(
        "quota_exceeded",
        `An account holds at most ${env.HANDOFF_MAX_DRAFTS} drafts; delete some to make room`,
      );
    }
  }
  if (addingInAll === 0) return;
  const all = await store.countDocs(userId);
  if (all + addingInAll > env.HANDOFF_MAX_DOCS_PER_USER) {
    throw new AppError(
      "quota_exceeded",
      `This account holds ${all} items, the most it can; empty the Trash or delete drafts to make room`,
    );
  }
}

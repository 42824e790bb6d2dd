import { applicationKind } from "@/lib/shared/apply/kind";
import { draftKind } from "@/lib/shared/drafts/kind";
import { TRASH_URL } from "@/lib/shared/drafts/trash";
import { DRAFTS_URL } from "@/lib/shared/drafts/urls";
import { cartKind } from "@/lib/shared/shop/kind";
import type { DocKind, SyncedKind } from "@/lib/shared/sync/kind";
import { UNDO_URL } from "@/lib/shared/undo";
import { positionKind } from "@/lib/shared/watch/kind";

/**
 * Every kind a signed-in user edits through the sync engine. The outbox replay (after sign-in,
 * on reconnect, before sign-out) sends what it holds of these; a kind missing here would keep
 * its offline edits on the device. Adding a kind: see "Add a synced kind" in the README.
 * Settings are described as a kind too (settingsKind) but saved by one click, not through the
 * engine, so nothing of theirs waits in the outbox.
 */
export const SYNCED_KINDS: readonly SyncedKind[] = [
  draftKind,
  cartKind,
  applicationKind,
  positionKind,
];

/**
 * Lists that are no synced kind but change only with one kind of the store: a poke or pulse
 * fetches them again only when that kind changed. (Any other URL is fetched at every change.)
 */
export const WATCHED_LISTS: Readonly<Record<string, DocKind>> = {
  [TRASH_URL]: "trash",
  [UNDO_URL]: "undo",
};

/** A draft's History and its versions: `/api/drafts/<id>/history[/<version>]`. */
const HISTORY_PATH = new RegExp(`^${DRAFTS_URL}/[^/]+/history(/\\d+)?$`);

/** The store kind whose change alone makes `url` worth fetching again, or null for any change. */
export function watchedKindOf(url: string): DocKind | null {
  return WATCHED_LISTS[url] ?? (HISTORY_PATH.test(url) ? "history" : null);
}

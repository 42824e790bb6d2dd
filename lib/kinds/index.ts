import { applicationKind } from "@/lib/apply/kind";
import { draftKind } from "@/lib/drafts/kind";
import { cartKind } from "@/lib/shop/kind";
import type { SyncedKind } from "@/lib/sync/kind";
import { positionKind } from "@/lib/watch/kind";

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

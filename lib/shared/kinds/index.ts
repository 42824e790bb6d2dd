import { applicationKind } from "@/lib/shared/apply/kind";
import { draftKind } from "@/lib/shared/drafts/kind";
import { cartKind } from "@/lib/shared/shop/kind";
import type { SyncedKind } from "@/lib/shared/sync/kind";
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

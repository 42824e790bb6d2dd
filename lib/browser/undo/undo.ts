import useSWR from "swr";
import type { ApiClientError } from "@/lib/browser/http/client";
import type { SyncClient } from "@/lib/browser/sync/client";
import { useSyncClient } from "@/lib/browser/sync/context";
import { pollingConfig } from "@/lib/browser/sync/polling";
import type { Draft } from "@/lib/shared/drafts/schema";
import { TRASH_URL } from "@/lib/shared/drafts/trash";
import { DRAFTS_URL, draftUrl } from "@/lib/shared/drafts/urls";
import { versionTag } from "@/lib/shared/sync/kind";
import { UNDO_URL, type UndoOffer } from "@/lib/shared/undo";

/** What this user can undo now, from this device: kept fresh by the pulse like every list. */
export function useUndoOffer() {
  const client = useSyncClient();
  return useSWR<{ undo: UndoOffer | null }, ApiClientError>(
    UNDO_URL,
    client.fetcher,
    pollingConfig,
  );
}

/**
 * Undoes exactly the action offered (If-Match on its version): a 412 means another device did
 * or undid something since. Resolves with what was undone and the draft brought back.
 */
export async function undoLast(client: SyncClient, offer: UndoOffer) {
  try {
    const { body } = await client.write<{ undone: string; draft: Draft }>(UNDO_URL, {
      method: "POST",
      headers: { "If-Match": versionTag(offer.version) },
    });
    if (!body) throw new Error("The server did not say what was undone");
    client.remember(draftUrl(body.draft.id), versionTag(body.draft.version), { draft: body.draft });
    return body;
  } finally {
    for (const url of [UNDO_URL, DRAFTS_URL, TRASH_URL]) void client.swr.mutate(url);
  }
}

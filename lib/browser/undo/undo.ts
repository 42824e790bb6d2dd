import useSWR from "swr";
import type { ApiClientError } from "@/lib/browser/http/client";
import type { SyncClient } from "@/lib/browser/sync/client";
import { useSyncClient } from "@/lib/browser/sync/context";
import { pollingConfig } from "@/lib/browser/sync/polling";
import type { Draft } from "@/lib/shared/drafts/schema";
import { TRASH_URL } from "@/lib/shared/drafts/trash";
import { DRAFTS_URL } from "@/lib/shared/drafts/urls";
import { SYNCED_KINDS } from "@/lib/shared/kinds";
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

type Undone = { undone: string; draft?: Draft } & Record<string, unknown>;

/**
 * Undoes exactly the action offered (If-Match on its version): a 412 means another device did
 * or undid something since. Resolves with what was undone; the document it changed (a draft
 * brought back, the cart, the application) is on the page at once.
 */
export async function undoLast(client: SyncClient, offer: UndoOffer) {
  try {
    const { body } = await client.write<Undone>(UNDO_URL, {
      method: "POST",
      headers: { "If-Match": versionTag(offer.version) },
    });
    if (!body) throw new Error("The server did not say what was undone");
    for (const kind of SYNCED_KINDS) {
      const view = body[kind.name];
      if (!view) continue;
      const id = kind.collection ? (view as { id: string }).id : "";
      const { version } = kind.versioned(view);
      client.remember(kind.url(id), versionTag(version), { [kind.name]: view });
    }
    return body;
  } finally {
    for (const url of [UNDO_URL, DRAFTS_URL, TRASH_URL]) void client.swr.mutate(url);
  }
}

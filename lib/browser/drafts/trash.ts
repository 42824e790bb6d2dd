import useSWR from "swr";
import type { ApiClientError } from "@/lib/browser/http/client";
import type { SyncClient } from "@/lib/browser/sync/client";
import { useSyncClient } from "@/lib/browser/sync/context";
import { pollingConfig } from "@/lib/browser/sync/polling";
import type { Draft } from "@/lib/shared/drafts/schema";
import { restoreUrl, TRASH_URL, type TrashEntry, trashEntryUrl } from "@/lib/shared/drafts/trash";
import { DRAFTS_URL, draftUrl } from "@/lib/shared/drafts/urls";
import { UNDO_URL } from "@/lib/shared/undo";

type TrashList = { trash: TrashEntry[] };

/** The Trash (the account's, or a guest's in this browser), kept fresh like every list. */
export function useTrash() {
  const client = useSyncClient();
  const list = useSWR<TrashList, ApiClientError>(TRASH_URL, client.fetcher, pollingConfig);
  return { ...list, entries: list.data?.trash };
}

/**
 * Shows the Trash without `ids` at once; the next answer says what the server has. The undo
 * offered for one of them is withdrawn with it: that is fetched again too.
 */
function drop(client: SyncClient, ids: readonly string[] | null) {
  void client.swr.mutate<TrashList>(
    TRASH_URL,
    (list) => list && { trash: ids ? list.trash.filter((entry) => !ids.includes(entry.id)) : [] },
    { revalidate: true },
  );
  void client.swr.mutate(UNDO_URL);
}

/** Puts a deleted draft back among the drafts (on every device); resolves with it. */
export async function restoreFromTrash(client: SyncClient, trashId: string): Promise<Draft> {
  const { body, etag } = await client.write<{ draft?: Draft }>(restoreUrl(trashId), {
    method: "POST",
  });
  if (!body?.draft) throw new Error("The server did not return the restored draft");
  client.remember(draftUrl(body.draft.id), etag, { draft: body.draft });
  drop(client, [trashId]);
  void client.swr.mutate(DRAFTS_URL);
  return body.draft;
}

/** Deletes one draft of the Trash for good. */
export async function deleteForGood(client: SyncClient, trashId: string) {
  await client.write(trashEntryUrl(trashId), { method: "DELETE" });
  drop(client, [trashId]);
}

/** Deletes what the Trash showed (`ids`) for good: nothing another device put there since. */
export async function emptyTrash(client: SyncClient, ids: readonly string[]) {
  await client.write(TRASH_URL, { method: "DELETE", json: { ids } });
  drop(client, ids);
}

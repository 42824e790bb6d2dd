import { expiringStorage } from "@/lib/browser/device/expiring-storage";
import type { SyncClient } from "@/lib/browser/sync/client";
import { browserLocks } from "@/lib/browser/sync/doc-locks";
import {
  exportGuest,
  GUEST_OUTBOX_KEY,
  type GuestData,
  GuestStore,
  hasGuestData,
} from "@/lib/browser/sync/guest-store";
import { OutboxStore } from "@/lib/browser/sync/outbox";
import { GUEST_TTL_MS } from "@/lib/shared/guest/limits";

export interface ImportResult {
  imported: boolean;
  drafts: number;
  trashed: number;
  cartItems: number;
  form: boolean;
}

/**
 * Moves what a guest did in this browser into the account they just signed in to, then out of
 * the browser. Edits still waiting in the guest's outbox (typed just before signing in) go
 * with it. The server imports each guest data set once (by its import id), so two tabs doing
 * this at the same moment add nothing twice. Resolves null when there was nothing to move.
 */
export async function moveGuestDataIntoAccount(client: SyncClient): Promise<ImportResult | null> {
  const guest = new GuestStore(() => localStorage, browserLocks());
  const outbox = new OutboxStore(
    expiringStorage(() => localStorage, GUEST_TTL_MS),
    GUEST_OUTBOX_KEY,
  );
  const data = withPendingEdits(guest.read(), outbox);
  const payload = exportGuest(data);
  if (!hasGuestData(payload)) return null;
  const { body } = await client.http<ImportResult>("/api/import", {
    method: "POST",
    json: payload,
  });
  guest.reset();
  localStorage.removeItem(GUEST_OUTBOX_KEY);
  return body ?? null;
}

function withPendingEdits(data: GuestData, outbox: OutboxStore): GuestData {
  for (const entry of outbox.pending()) {
    const key = `${entry.kind}:${entry.id}`;
    const doc = data.docs[key];
    const now = new Date().toISOString();
    data.docs[key] = {
      id: entry.id,
      version: doc?.version ?? 0,
      data: entry.local,
      createdAt: doc?.createdAt ?? now,
      updatedAt: now,
    };
  }
  return data;
}

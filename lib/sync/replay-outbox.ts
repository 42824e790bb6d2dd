import { withFreeDocLock } from "./doc-locks";
import { DocSync } from "./doc-sync";
import type { SyncedKind } from "./kind";
import {
  docKey,
  type OutboxEntry,
  outboxFor,
  pendingEntries,
  upgradeLegacyEntries,
} from "./outbox";
import { kindTransport } from "./transport";

let running: Promise<void> | null = null;

/**
 * Sends edits left in the outbox by an earlier page (closed while offline, or a crash),
 * oldest first, each through a DocSync, so a replay merges on 412 exactly like live typing.
 * Run by the poll-leader tab only; an entry a live editor holds is left to that editor.
 * `kinds` is the app's list of synced kinds (lib/kinds); entries of other kinds stay put.
 */
export function replayOutbox(userId: string, kinds: readonly SyncedKind[]) {
  running ??= replay(userId, kinds).finally(() => {
    running = null;
  });
  return running;
}

async function replay(userId: string, kinds: readonly SyncedKind[]) {
  upgradeLegacyEntries(userId, kinds);
  for (const entry of pendingEntries(userId)) {
    const kind = kinds.find((candidate) => candidate.name === entry.kind);
    if (!kind) continue;
    // Still offline: the next replay (on reconnect) picks up from here.
    if (await sendEntry(userId, kind, entry)) return;
  }
}

/** Sends one entry through its own engine; resolves true when the connection is down. */
async function sendEntry(userId: string, kind: SyncedKind, { id }: OutboxEntry): Promise<boolean> {
  // The schema is a chunk of its own: offline, it may not load, and nothing could be sent anyway.
  const schema = await kind.schema().catch(() => null);
  if (!schema) return true;
  const outbox = outboxFor(userId, kind, id, schema);
  const pending = outbox.load();
  if (!pending) return false; // does not fit the kind: not sent, left for the user to see
  let offline = false;
  await withFreeDocLock(userId, docKey(kind, id), async () => {
    const sync = new DocSync({
      initial: pending.base,
      transport: kindTransport(kind, id),
      merge: kind.merge?.bind(kind),
      outbox,
      resume: true,
    });
    await new Promise<void>((resolve) => {
      const check = () => {
        const status = sync.getSnapshot().status.kind;
        if (status === "saved" || status === "gone" || status === "error" || status === "retrying")
          resolve();
      };
      sync.subscribe(check);
      check();
    });
    offline = sync.getSnapshot().status.kind === "retrying";
    sync.dispose();
  });
  return offline;
}

import { withFreeDocLock } from "./doc-locks";
import { DocSync, type DocTransport } from "./doc-sync";
import type { RecordMerge } from "./merge";
import { outboxFor, pendingEntries } from "./outbox";

export interface SyncTarget {
  transport: DocTransport<Record<string, unknown>>;
  merge?: (
    base: Record<string, unknown>,
    mine: Record<string, unknown>,
    theirs: Record<string, unknown>,
  ) => RecordMerge<Record<string, unknown>>;
}

let running: Promise<void> | null = null;

/**
 * Sends edits left in the outbox by an earlier page (closed while offline, or a crash),
 * oldest first, each through a DocSync, so a replay merges on 412 exactly like live typing.
 * Run by the poll-leader tab only; an entry a live editor holds is left to that editor.
 */
export function replayOutbox(userId: string, targetFor: (key: string) => SyncTarget | null) {
  running ??= replay(userId, targetFor).finally(() => {
    running = null;
  });
  return running;
}

async function replay(userId: string, targetFor: (key: string) => SyncTarget | null) {
  for (const entry of pendingEntries(userId)) {
    const target = targetFor(entry.key);
    if (!target) continue;
    let stalled = false;
    await withFreeDocLock(userId, entry.key, async () => {
      const sync = new DocSync({
        initial: entry.base,
        transport: target.transport,
        merge: target.merge,
        outbox: outboxFor(userId, entry.key),
        resume: true,
      });
      await new Promise<void>((resolve) => {
        const check = () => {
          const { kind } = sync.getSnapshot().status;
          if (kind === "saved" || kind === "gone" || kind === "error" || kind === "retrying")
            resolve();
        };
        sync.subscribe(check);
        check();
      });
      stalled = sync.getSnapshot().status.kind === "retrying";
      sync.dispose();
    });
    if (stalled) return; // still offline: the next replay (on reconnect) picks up from here
  }
}

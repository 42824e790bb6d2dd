import { DocSync, type DocTransport } from "./doc-sync";
import { outboxFor, pendingEntries } from "./outbox";

/**
 * Sends edits left in the outbox by an earlier page (closed while offline, or a crash),
 * oldest first, except `skip` (the document an editor has open: it replays its own).
 * Each entry goes through a DocSync, so a replay merges on 412 exactly like live typing.
 */
export async function replayOutbox(
  userId: string,
  transportFor: (key: string) => DocTransport<Record<string, unknown>> | null,
  skip: string | null,
) {
  for (const entry of pendingEntries(userId)) {
    if (entry.key === skip) continue;
    const transport = transportFor(entry.key);
    if (!transport) continue;
    const sync = new DocSync({
      initial: entry.base,
      transport,
      outbox: outboxFor(userId, entry.key),
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
    const stalled = sync.getSnapshot().status.kind === "retrying";
    sync.dispose();
    if (stalled) return; // still offline: the next replay (on reconnect) picks up from here
  }
}

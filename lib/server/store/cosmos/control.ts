import "server-only";
import type { ControlChange, ControlPort, UserControl } from "../types";
import { type Cosmos, emptyMarker, MARKER_ID, type MarkerItem, statusOf } from "./container";

const toControl = (item: MarkerItem | null): UserControl => ({
  marker: item?.version ?? 0,
  sessionsValidAfter: item?.sessionsValidAfter ?? 0,
  revoked: item?.revoked ?? [],
  activeAt: item?.activeAt ?? 0,
  deletedAt: item?.deletedAt ?? 0,
  changedAt: item?.changedAt ?? 0,
  kinds: item?.kinds ?? {},
});

/** The control document of each user: marker, session state, presence, deletion. */
export function cosmosControl({ run, read, rewrite, clock }: Cosmos) {
  const port: ControlPort = {
    getControl: (userId) =>
      run(async (c) => toControl(await read<MarkerItem>(c, MARKER_ID, userId))),
    // One query across partitions for all the streams of an instance (the README's cost model
    // says what it costs, and what the change feed would do instead on a real account).
    changedSince: (since, limit) =>
      run(async (c) => {
        const { resources } = await c.items
          .query<MarkerItem>(
            {
              query:
                "SELECT TOP @limit * FROM c WHERE c.kind = 'marker' AND c.changedAt > @since ORDER BY c.changedAt",
              parameters: [
                { name: "@since", value: since },
                { name: "@limit", value: limit },
              ],
            },
            { maxItemCount: limit },
          )
          .fetchAll();
        return resources.map(
          (item): ControlChange => ({ userId: item.userId, ...toControl(item) }),
        );
      }),
    touchPresence: (userId, at) =>
      run(async (c) => {
        // One patch, no read: presence is advisory, so the last writer may win.
        try {
          await c.item(MARKER_ID, userId).patch([{ op: "set", path: "/activeAt", value: at }]);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
          await rewrite<MarkerItem>(c, MARKER_ID, userId, (current) => ({
            ...(current ?? emptyMarker(userId)),
            activeAt: at,
          }));
        }
      }),
    updateSessions: (userId, change) =>
      run(async (c) => {
        await rewrite<MarkerItem>(c, MARKER_ID, userId, (current) => {
          const base = current ?? emptyMarker(userId);
          const next = change({
            sessionsValidAfter: base.sessionsValidAfter ?? 0,
            revoked: base.revoked ?? [],
          });
          return { ...base, ...next, changedAt: clock() };
        });
      }),
  };

  /** Ends every session of a user whose account is being deleted, for good; bumps the marker. */
  const end: (userId: string) => Promise<void> = (userId) =>
    run(async (c) => {
      const now = clock();
      await rewrite<MarkerItem>(c, MARKER_ID, userId, (current) => ({
        ...(current ?? emptyMarker(userId)),
        version: (current?.version ?? 0) + 1,
        sessionsValidAfter: now,
        revoked: [],
        deletedAt: now,
        changedAt: now,
      }));
    });
  return { port, end };
}

import "server-only";
import type { Counter, Store } from "../types";
import { COUNTER_ID, type Cosmos, counterPartition, statusOf } from "./container";

interface CounterItem {
  id: typeof COUNTER_ID;
  userId: string;
  kind: "counter";
  count: number;
  expiresAt: number;
  /** Seconds; Cosmos DB deletes the item after it (the test server ignores it: expiresAt rules). */
  ttl: number;
}

/** Attempt counters, one partition each, with a TTL. */
export function cosmosCounters({ run, read, rewrite, clock }: Cosmos) {
  const port: Pick<Store, "hitCounter" | "readCounter" | "clearCounter"> = {
    hitCounter: (key, windowMs) =>
      run(async (c) => {
        const now = clock();
        const partition = counterPartition(key);
        const item = await rewrite<CounterItem>(c, COUNTER_ID, partition, (current) =>
          current && current.expiresAt > now
            ? { ...current, count: current.count + 1 }
            : {
                id: COUNTER_ID,
                userId: partition,
                kind: "counter",
                count: 1,
                expiresAt: now + windowMs,
                ttl: Math.ceil(windowMs / 1000),
              },
        );
        return { count: item.count, resetAt: item.expiresAt };
      }),
    readCounter: (key) =>
      run(async (c): Promise<Counter | null> => {
        const item = await read<CounterItem>(c, COUNTER_ID, counterPartition(key));
        return item && item.expiresAt > clock()
          ? { count: item.count, resetAt: item.expiresAt }
          : null;
      }),
    clearCounter: (key) =>
      run(async (c) => {
        await c
          .item(COUNTER_ID, counterPartition(key))
          .delete()
          .catch((error: unknown) => {
            if (statusOf(error) !== 404) throw error;
          });
      }),
  };
  return port;
}

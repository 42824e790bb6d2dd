import "server-only";
import type { Store } from "../types";
import type { Db } from "./database";

/** Attempt counters in fixed windows (sign-in throttling), swept as the table is used. */
export function sqliteCounters(db: Db, now: () => number) {
  const statements = {
    read: db.prepare<[string], { count: number; expires_at: number }>(
      "SELECT count, expires_at FROM counters WHERE key = ?",
    ),
    hit: db.prepare<
      [{ key: string; now: number; expires: number }],
      { count: number; expires_at: number }
    >(
      `INSERT INTO counters (key, count, expires_at) VALUES (@key, 1, @expires)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN expires_at <= @now THEN 1 ELSE count + 1 END,
         expires_at = CASE WHEN expires_at <= @now THEN @expires ELSE expires_at END
       RETURNING count, expires_at`,
    ),
    clear: db.prepare("DELETE FROM counters WHERE key = ?"),
    sweep: db.prepare("DELETE FROM counters WHERE expires_at <= ?"),
  };
  let hits = 0;

  const port: Pick<Store, "hitCounter" | "readCounter" | "clearCounter"> = {
    async hitCounter(key, windowMs) {
      const time = now();
      // Expired counters are dropped now and then, so the table stays as small as the traffic.
      if (++hits % 1000 === 0) statements.sweep.run(time);
      const row = statements.hit.get({ key, now: time, expires: time + windowMs }) as {
        count: number;
        expires_at: number;
      };
      return { count: row.count, resetAt: row.expires_at };
    },
    async readCounter(key) {
      const row = statements.read.get(key);
      return row && row.expires_at > now() ? { count: row.count, resetAt: row.expires_at } : null;
    },
    async clearCounter(key) {
      statements.clear.run(key);
    },
  };
  return port;
}

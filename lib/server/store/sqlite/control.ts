import "server-only";
import type { SessionControl, Store } from "../types";
import type { Db } from "./database";

interface ControlRow {
  version: number;
  sessions_valid_after: number;
  revoked: string;
  active_at: number;
  deleted_at: number;
}

/**
 * The control document of each user (one `markers` row): the change marker every write bumps,
 * the session state, presence. `bump` and `end` run inside other concerns' transactions.
 */
export function sqliteControl(db: Db) {
  const statements = {
    read: db.prepare<[string], ControlRow>(
      "SELECT version, sessions_valid_after, revoked, active_at, deleted_at FROM markers WHERE user_id = ?",
    ),
    touch: db.prepare(
      `INSERT INTO markers (user_id, version, active_at) VALUES (@userId, 0, @at)
       ON CONFLICT (user_id) DO UPDATE SET active_at = max(active_at, @at)`,
    ),
    bump: db.prepare(
      "INSERT INTO markers (user_id, version) VALUES (?, 1) ON CONFLICT (user_id) DO UPDATE SET version = version + 1",
    ),
    setSessions: db.prepare(
      `INSERT INTO markers (user_id, version, sessions_valid_after, revoked) VALUES (?, 0, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET sessions_valid_after = excluded.sessions_valid_after, revoked = excluded.revoked`,
    ),
    // What stays of a deleted user: a control row that ends every session and bumps the marker.
    end: db.prepare(
      `INSERT INTO markers (user_id, version, sessions_valid_after, revoked, deleted_at) VALUES (@userId, 1, @now, '[]', @now)
       ON CONFLICT (user_id) DO UPDATE SET version = version + 1, sessions_valid_after = @now, revoked = '[]', deleted_at = @now`,
    ),
  };

  const updateSessions = db.transaction(
    (userId: string, change: (current: SessionControl) => SessionControl) => {
      const row = statements.read.get(userId);
      const next = change({
        sessionsValidAfter: row?.sessions_valid_after ?? 0,
        revoked: row ? JSON.parse(row.revoked) : [],
      });
      statements.setSessions.run(userId, next.sessionsValidAfter, JSON.stringify(next.revoked));
    },
  );

  const port: Pick<Store, "getControl" | "touchPresence" | "updateSessions"> = {
    async getControl(userId) {
      const row = statements.read.get(userId);
      return {
        marker: row?.version ?? 0,
        sessionsValidAfter: row?.sessions_valid_after ?? 0,
        revoked: row ? JSON.parse(row.revoked) : [],
        activeAt: row?.active_at ?? 0,
        deletedAt: row?.deleted_at ?? 0,
      };
    },
    async touchPresence(userId, at) {
      statements.touch.run({ userId, at });
    },
    async updateSessions(userId, change) {
      updateSessions(userId, change);
    },
  };
  return {
    port,
    bump: (userId: string) => statements.bump.run(userId),
    end: (userId: string, now: number) => statements.end.run({ userId, now }),
  };
}

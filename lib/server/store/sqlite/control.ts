import "server-only";
import type { ControlChange, ControlPort, DocKind, SessionControl, UserControl } from "../types";
import { noteCommitted } from "../written";
import type { Db } from "./database";

interface ControlRow {
  user_id: string;
  version: number;
  sessions_valid_after: number;
  revoked: string;
  active_at: number;
  deleted_at: number;
  changed_at: number;
  kinds: string;
}

const COLUMNS =
  "user_id, version, sessions_valid_after, revoked, active_at, deleted_at, changed_at, kinds";

const toControl = (row: ControlRow | undefined): UserControl => ({
  marker: row?.version ?? 0,
  sessionsValidAfter: row?.sessions_valid_after ?? 0,
  revoked: row ? JSON.parse(row.revoked) : [],
  activeAt: row?.active_at ?? 0,
  deletedAt: row?.deleted_at ?? 0,
  changedAt: row?.changed_at ?? 0,
  kinds: row ? JSON.parse(row.kinds) : {},
});

/**
 * The control document of each user (one `markers` row): the change marker every write bumps,
 * the session state, presence, and when the marker or sessions last changed (the live feed).
 * `bump` and `end` run inside other concerns' transactions.
 */
export function sqliteControl(db: Db, now: () => number) {
  const statements = {
    read: db.prepare<[string], ControlRow>(`SELECT ${COLUMNS} FROM markers WHERE user_id = ?`),
    changedSince: db.prepare<[number, number], ControlRow>(
      `SELECT ${COLUMNS} FROM markers WHERE changed_at > ? ORDER BY changed_at LIMIT ?`,
    ),
    touch: db.prepare(
      `INSERT INTO markers (user_id, version, active_at) VALUES (@userId, 0, @at)
       ON CONFLICT (user_id) DO UPDATE SET active_at = max(active_at, @at)`,
    ),
    bump: db.prepare<{ userId: string; now: number }, { version: number }>(
      `INSERT INTO markers (user_id, version, changed_at) VALUES (@userId, 1, @now)
       ON CONFLICT (user_id) DO UPDATE SET version = version + 1, changed_at = @now
       RETURNING version`,
    ),
    markKinds: db.prepare(
      "UPDATE markers SET kinds = json_patch(kinds, @patch) WHERE user_id = @userId",
    ),
    setSessions: db.prepare(
      `INSERT INTO markers (user_id, version, sessions_valid_after, revoked, changed_at)
       VALUES (@userId, 0, @validAfter, @revoked, @now)
       ON CONFLICT (user_id) DO UPDATE SET sessions_valid_after = excluded.sessions_valid_after,
         revoked = excluded.revoked, changed_at = excluded.changed_at`,
    ),
    // What stays of a deleted user: a control row that ends every session and bumps the marker.
    end: db.prepare(
      `INSERT INTO markers (user_id, version, sessions_valid_after, revoked, deleted_at, changed_at)
       VALUES (@userId, 1, @now, '[]', @now, @now)
       ON CONFLICT (user_id) DO UPDATE SET version = version + 1, sessions_valid_after = @now,
         revoked = '[]', deleted_at = @now, changed_at = @now`,
    ),
  };

  const updateSessions = db.transaction(
    (userId: string, change: (current: SessionControl) => SessionControl) => {
      const current = toControl(statements.read.get(userId));
      const next = change(current);
      statements.setSessions.run({
        userId,
        validAfter: next.sessionsValidAfter,
        revoked: JSON.stringify(next.revoked),
        now: now(),
      });
    },
  );

  const port: ControlPort = {
    async getControl(userId) {
      return toControl(statements.read.get(userId));
    },
    async changedSince(since, limit) {
      return statements.changedSince
        .all(since, limit)
        .map((row): ControlChange => ({ userId: row.user_id, ...toControl(row) }));
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
    /** Moves the marker on by one and records it for the kinds written (inside their transaction). */
    bump: (userId: string, kinds: readonly DocKind[]) => {
      const { version } = statements.bump.get({ userId, now: now() }) as { version: number };
      const patch = JSON.stringify(Object.fromEntries(kinds.map((kind) => [kind, version])));
      statements.markKinds.run({ userId, patch });
      noteCommitted(userId, version, kinds);
    },
    end: (userId: string, at: number) => statements.end.run({ userId, now: at }),
  };
}

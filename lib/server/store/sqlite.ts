import "server-only";
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "@/lib/shared/errors";
import { DEFAULT_STORE_LIMITS, serializeData } from "./doc-size";
import type {
  DocKind,
  NewDoc,
  SessionControl,
  Store,
  StoredDoc,
  StoreLimits,
  UserRecord,
  WriteOp,
} from "./types";

interface DocRow {
  id: string;
  user_id: string;
  kind: DocKind;
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS docs (
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, id)
  );
  CREATE INDEX IF NOT EXISTS docs_by_kind ON docs (user_id, kind, updated_at DESC);
  CREATE TABLE IF NOT EXISTS markers (
    user_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
`;

/** Columns added after the first release; ALTER TABLE has no IF NOT EXISTS. */
const MIGRATIONS = [
  "ALTER TABLE markers ADD COLUMN sessions_valid_after INTEGER NOT NULL DEFAULT 0",
  "ALTER TABLE markers ADD COLUMN revoked TEXT NOT NULL DEFAULT '[]'",
  "ALTER TABLE markers ADD COLUMN active_at INTEGER NOT NULL DEFAULT 0",
  "ALTER TABLE markers ADD COLUMN deleted_at INTEGER NOT NULL DEFAULT 0",
];

function toDoc<T>(row: DocRow): StoredDoc<T> {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    data: JSON.parse(row.data) as T,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Owner-only folder and file: the database holds password hashes and everyone's documents. */
function createPrivateFile(file: string) {
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  // SQLite gives its -wal and -shm files the database file's mode, so set it before opening.
  closeSync(openSync(file, "a", 0o600));
  chmodSync(file, 0o600);
}

export interface SqliteStoreOptions {
  file: string;
  limits?: StoreLimits;
  /** FULL (default) survives power loss; NORMAL may lose the last commits, only for benchmarks. */
  synchronous?: "FULL" | "NORMAL";
  /** Milliseconds since the epoch; tests pass their own to step time instead of sleeping. */
  clock?: () => number;
}

/** The embedded default: one SQLite file in WAL mode, so a fresh clone needs no service. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const limits = options.limits ?? DEFAULT_STORE_LIMITS;
  const now = options.clock ?? Date.now;
  const timestamp = () => new Date(now()).toISOString();
  if (options.file !== ":memory:") createPrivateFile(options.file);
  const db = new Database(options.file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  // Several `next start` processes may share the file: wait for a writer instead of failing.
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  const markerColumns = db.prepare<[], { name: string }>("PRAGMA table_info(markers)").all();
  const known = new Set(markerColumns.map((column) => column.name));
  db.transaction(() => {
    for (const statement of MIGRATIONS) {
      const column = /ADD COLUMN (\w+)/.exec(statement)?.[1];
      if (column && !known.has(column)) db.exec(statement);
    }
  })();

  const statements = {
    insertUser: db.prepare(
      "INSERT INTO users (id, email, password_hash, created_at) VALUES (@id, @email, @passwordHash, @createdAt)",
    ),
    userByEmail: db.prepare<
      [string],
      { id: string; email: string; password_hash: string; created_at: string }
    >("SELECT * FROM users WHERE email = ?"),
    setPassword: db.prepare("UPDATE users SET password_hash = ? WHERE email = ?"),
    deleteUserById: db.prepare("DELETE FROM users WHERE id = ?"),
    control: db.prepare<
      [string],
      {
        version: number;
        sessions_valid_after: number;
        revoked: string;
        active_at: number;
        deleted_at: number;
      }
    >(
      "SELECT version, sessions_valid_after, revoked, active_at, deleted_at FROM markers WHERE user_id = ?",
    ),
    touch: db.prepare(
      `INSERT INTO markers (user_id, version, active_at) VALUES (@userId, 0, @at)
       ON CONFLICT (user_id) DO UPDATE SET active_at = max(active_at, @at)`,
    ),
    bumpMarker: db.prepare(
      "INSERT INTO markers (user_id, version) VALUES (?, 1) ON CONFLICT (user_id) DO UPDATE SET version = version + 1",
    ),
    setSessions: db.prepare(
      `INSERT INTO markers (user_id, version, sessions_valid_after, revoked) VALUES (?, 0, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET sessions_valid_after = excluded.sessions_valid_after, revoked = excluded.revoked`,
    ),
    // What stays of a deleted user: a control row that ends every session and bumps the marker.
    endUser: db.prepare(
      `INSERT INTO markers (user_id, version, sessions_valid_after, revoked, deleted_at) VALUES (@userId, 1, @now, '[]', @now)
       ON CONFLICT (user_id) DO UPDATE SET version = version + 1, sessions_valid_after = @now, revoked = '[]', deleted_at = @now`,
    ),
    list: db.prepare<[string, string], DocRow>(
      "SELECT * FROM docs WHERE user_id = ? AND kind = ? ORDER BY updated_at DESC, id DESC",
    ),
    countKind: db.prepare<[string, string], { n: number }>(
      "SELECT count(*) AS n FROM docs WHERE user_id = ? AND kind = ?",
    ),
    countAll: db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM docs WHERE user_id = ?",
    ),
    all: db.prepare<[string], DocRow>(
      "SELECT * FROM docs WHERE user_id = ? ORDER BY kind, created_at, id",
    ),
    get: db.prepare<[string, string, string], DocRow>(
      "SELECT * FROM docs WHERE user_id = ? AND kind = ? AND id = ?",
    ),
    insert: db.prepare(
      "INSERT INTO docs (user_id, id, kind, data, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
    ),
    update: db.prepare(
      "UPDATE docs SET data = ?, version = version + 1, updated_at = ? WHERE user_id = ? AND kind = ? AND id = ? AND version = ?",
    ),
    delete: db.prepare("DELETE FROM docs WHERE user_id = ? AND kind = ? AND id = ?"),
    deleteAllDocs: db.prepare("DELETE FROM docs WHERE user_id = ?"),
    counter: db.prepare<[string], { count: number; expires_at: number }>(
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
    clearCounter: db.prepare("DELETE FROM counters WHERE key = ?"),
    sweepCounters: db.prepare("DELETE FROM counters WHERE expires_at <= ?"),
  };

  const isConstraint = (error: unknown) =>
    error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT");

  const readDoc = <T>(userId: string, kind: DocKind, id: string) => {
    const row = statements.get.get(userId, kind, id);
    return row ? toDoc<T>(row) : null;
  };

  const conflict = (current: StoredDoc) =>
    new AppError("version_conflict", "This was changed elsewhere since you loaded it", {
      current,
    });

  // Each write and its marker bump commit together, so a poll never sees one without the other.
  const commit = db.transaction((userId: string, ops: WriteOp[], now: string) => {
    const written: StoredDoc[] = [];
    for (const write of ops) {
      const json = serializeData(write.data, limits);
      if (write.op === "create") {
        try {
          statements.insert.run(userId, write.id, write.kind, json, now, now);
        } catch (error) {
          if (isConstraint(error))
            throw new AppError("conflict", "A document with this id already exists");
          throw error;
        }
      } else {
        const changed = statements.update.run(
          json,
          now,
          userId,
          write.kind,
          write.id,
          write.expectedVersion,
        ).changes;
        if (!changed) {
          const current = readDoc(userId, write.kind, write.id);
          if (!current) throw new AppError("not_found", "Not found");
          throw conflict(current);
        }
      }
      written.push(readDoc(userId, write.kind, write.id) as StoredDoc);
    }
    if (ops.length) statements.bumpMarker.run(userId);
    return written;
  });
  const deleteDoc = db.transaction((userId: string, kind: DocKind, id: string) => {
    const changed = statements.delete.run(userId, kind, id).changes;
    if (changed) statements.bumpMarker.run(userId);
    return changed;
  });
  const deleteUser = db.transaction((userId: string) => {
    statements.deleteAllDocs.run(userId);
    statements.deleteUserById.run(userId);
    statements.endUser.run({ userId, now: now() });
  });
  const updateSessions = db.transaction(
    (userId: string, change: (current: SessionControl) => SessionControl) => {
      const row = statements.control.get(userId);
      const next = change({
        sessionsValidAfter: row?.sessions_valid_after ?? 0,
        revoked: row ? JSON.parse(row.revoked) : [],
      });
      statements.setSessions.run(userId, next.sessionsValidAfter, JSON.stringify(next.revoked));
    },
  );

  let hits = 0;

  return {
    name: "sqlite",
    async createUser(user: UserRecord) {
      try {
        statements.insertUser.run(user);
      } catch (error) {
        if (isConstraint(error))
          throw new AppError("conflict", "An account with this email already exists");
        throw error;
      }
    },
    async findUserByEmail(email) {
      const row = statements.userByEmail.get(email);
      return row
        ? {
            id: row.id,
            email: row.email,
            passwordHash: row.password_hash,
            createdAt: row.created_at,
          }
        : null;
    },
    async setPasswordHash(email, passwordHash) {
      return statements.setPassword.run(passwordHash, email).changes > 0;
    },
    async getControl(userId) {
      const row = statements.control.get(userId);
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
    async listDocs<T>(userId: string, kind: DocKind, options: { fields?: string[] } = {}) {
      const docs = statements.list.all(userId, kind).map((row) => toDoc<T>(row));
      const { fields } = options;
      if (!fields) return docs;
      // Parsing and dropping here is cheap next to sending the bodies over the network.
      return docs.map((doc) => ({
        ...doc,
        data: Object.fromEntries(
          fields.map((field) => [field, (doc.data as Record<string, unknown>)[field]]),
        ) as T,
      }));
    },
    async countDocs(userId, kind) {
      return (kind ? statements.countKind.get(userId, kind) : statements.countAll.get(userId))
        ?.n as number;
    },
    async getDoc<T>(userId: string, kind: DocKind, id: string) {
      return readDoc<T>(userId, kind, id);
    },
    async createDoc<T>(doc: NewDoc<T>) {
      const [created] = commit(
        doc.userId,
        [{ op: "create", kind: doc.kind, id: doc.id, data: doc.data }],
        timestamp(),
      );
      return created as StoredDoc<T>;
    },
    async updateDoc<T>(
      userId: string,
      kind: DocKind,
      id: string,
      data: T,
      expectedVersion: number,
    ) {
      const [updated] = commit(
        userId,
        [{ op: "replace", kind, id, data, expectedVersion }],
        timestamp(),
      );
      return updated as StoredDoc<T>;
    },
    async deleteDoc(userId, kind, id) {
      return deleteDoc(userId, kind, id) > 0;
    },
    async commit(userId, ops) {
      return commit(userId, ops, timestamp());
    },
    async exportDocs(userId) {
      return statements.all.all(userId).map((row) => toDoc(row));
    },
    async deleteUser(userId) {
      deleteUser(userId);
    },
    async hitCounter(key, windowMs) {
      const time = now();
      // Expired counters are dropped now and then, so the table stays as small as the traffic.
      if (++hits % 1000 === 0) statements.sweepCounters.run(time);
      const row = statements.hit.get({ key, now: time, expires: time + windowMs }) as {
        count: number;
        expires_at: number;
      };
      return { count: row.count, resetAt: row.expires_at };
    },
    async readCounter(key) {
      const row = statements.counter.get(key);
      return row && row.expires_at > now() ? { count: row.count, resetAt: row.expires_at } : null;
    },
    async clearCounter(key) {
      statements.clearCounter.run(key);
    },
    async close() {
      db.close();
    },
  };
}

import "server-only";
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

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
const MIGRATIONS: Array<[table: string, statement: string]> = [
  ["docs", "ALTER TABLE docs ADD COLUMN expires_at INTEGER"],
  ["markers", "ALTER TABLE markers ADD COLUMN sessions_valid_after INTEGER NOT NULL DEFAULT 0"],
  ["markers", "ALTER TABLE markers ADD COLUMN revoked TEXT NOT NULL DEFAULT '[]'"],
  ["markers", "ALTER TABLE markers ADD COLUMN active_at INTEGER NOT NULL DEFAULT 0"],
  ["markers", "ALTER TABLE markers ADD COLUMN deleted_at INTEGER NOT NULL DEFAULT 0"],
  ["markers", "ALTER TABLE markers ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0"],
  ["markers", "ALTER TABLE markers ADD COLUMN kinds TEXT NOT NULL DEFAULT '{}'"],
];

/** Owner-only folder and file: the database holds password hashes and everyone's documents. */
function createPrivateFile(file: string) {
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  // SQLite gives its -wal and -shm files the database file's mode, so set it before opening.
  closeSync(openSync(file, "a", 0o600));
  chmodSync(file, 0o600);
}

/**
 * Opens (and creates or upgrades) the database: WAL, so readers never wait for a writer;
 * `synchronous` FULL makes every acknowledged commit survive power loss; several `next start`
 * processes may share the file, so a writer waits for another instead of failing.
 */
export function openDatabase(file: string, synchronous: "FULL" | "NORMAL" = "FULL"): Db {
  if (file !== ":memory:") createPrivateFile(file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  const columns = (table: string) =>
    db
      .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
      .all()
      .map((c) => c.name);
  // IMMEDIATE: two processes starting on one old file upgrade it one after the other, each
  // reading the columns the other may just have added.
  db.transaction(() => {
    const known = new Set(["docs", "markers"].flatMap((t) => columns(t).map((c) => `${t}.${c}`)));
    for (const [table, statement] of MIGRATIONS) {
      const column = /ADD COLUMN (\w+)/.exec(statement)?.[1];
      if (column && !known.has(`${table}.${column}`)) db.exec(statement);
    }
    // The live feed asks "which users changed since t?" several times a second.
    db.exec("CREATE INDEX IF NOT EXISTS markers_by_change ON markers (changed_at)");
    // The sweep of what expired (the trash) finds it without reading the rest.
    db.exec(
      "CREATE INDEX IF NOT EXISTS docs_expiring ON docs (expires_at) WHERE expires_at IS NOT NULL",
    );
  }).immediate();
  return db;
}

export const isConstraint = (error: unknown) =>
  error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT");

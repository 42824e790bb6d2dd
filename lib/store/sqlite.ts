import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "@/lib/errors";
import type { DocKind, NewDoc, Store, StoredDoc, UserRecord } from "./types";

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
`;

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

/** The embedded default: one SQLite file in WAL mode, so a fresh clone needs no service. */
export function createSqliteStore(options: { file: string }): Store {
  if (options.file !== ":memory:") mkdirSync(path.dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);

  const statements = {
    insertUser: db.prepare(
      "INSERT INTO users (id, email, password_hash, created_at) VALUES (@id, @email, @passwordHash, @createdAt)",
    ),
    userByEmail: db.prepare<
      [string],
      { id: string; email: string; password_hash: string; created_at: string }
    >("SELECT * FROM users WHERE email = ?"),
    marker: db.prepare<[string], { version: number }>(
      "SELECT version FROM markers WHERE user_id = ?",
    ),
    bumpMarker: db.prepare(
      "INSERT INTO markers (user_id, version) VALUES (?, 1) ON CONFLICT (user_id) DO UPDATE SET version = version + 1",
    ),
    list: db.prepare<[string, string], DocRow>(
      "SELECT * FROM docs WHERE user_id = ? AND kind = ? ORDER BY updated_at DESC, id DESC",
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
  };

  const isConstraint = (error: unknown) =>
    error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT");

  // Each write and its marker bump commit together, so a poll never sees one without the other.
  const createDoc = db.transaction(<T>(doc: NewDoc<T>, now: string) => {
    statements.insert.run(doc.userId, doc.id, doc.kind, JSON.stringify(doc.data), now, now);
    statements.bumpMarker.run(doc.userId);
  });
  const updateDoc = db.transaction(
    (userId: string, kind: DocKind, id: string, data: string, expected: number, now: string) => {
      const changed = statements.update.run(data, now, userId, kind, id, expected).changes;
      if (changed) statements.bumpMarker.run(userId);
      return changed;
    },
  );
  const deleteDoc = db.transaction((userId: string, kind: DocKind, id: string) => {
    const changed = statements.delete.run(userId, kind, id).changes;
    if (changed) statements.bumpMarker.run(userId);
    return changed;
  });

  const readDoc = <T>(userId: string, kind: DocKind, id: string) => {
    const row = statements.get.get(userId, kind, id);
    return row ? toDoc<T>(row) : null;
  };

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
    async getMarker(userId) {
      return statements.marker.get(userId)?.version ?? 0;
    },
    async listDocs<T>(userId: string, kind: DocKind) {
      return statements.list.all(userId, kind).map((row) => toDoc<T>(row));
    },
    async getDoc<T>(userId: string, kind: DocKind, id: string) {
      return readDoc<T>(userId, kind, id);
    },
    async createDoc<T>(doc: NewDoc<T>) {
      try {
        createDoc(doc, new Date().toISOString());
      } catch (error) {
        if (isConstraint(error))
          throw new AppError("conflict", "A document with this id already exists");
        throw error;
      }
      return readDoc<T>(doc.userId, doc.kind, doc.id) as StoredDoc<T>;
    },
    async updateDoc<T>(
      userId: string,
      kind: DocKind,
      id: string,
      data: T,
      expectedVersion: number,
    ) {
      const now = new Date().toISOString();
      const changed = updateDoc(userId, kind, id, JSON.stringify(data), expectedVersion, now);
      const current = readDoc<T>(userId, kind, id);
      if (!current) throw new AppError("not_found", "Not found");
      if (!changed) {
        throw new AppError("version_conflict", "This was changed elsewhere since you loaded it", {
          current,
        });
      }
      return current;
    },
    async deleteDoc(userId, kind, id) {
      return deleteDoc(userId, kind, id) > 0;
    },
    async close() {
      db.close();
    },
  };
}

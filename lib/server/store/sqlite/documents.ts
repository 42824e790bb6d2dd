import "server-only";
import { AppError } from "@/lib/shared/errors";
import { serializeData } from "../doc-size";
import type { DocKind, DocumentsPort, NewDoc, StoredDoc, StoreLimits, WriteOp } from "../types";
import { type Db, isConstraint } from "./database";

interface DocRow {
  id: string;
  user_id: string;
  kind: DocKind;
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
  expires_at: number | null;
}

function toDoc<T>(row: DocRow): StoredDoc<T> {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    data: JSON.parse(row.data) as T,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
  };
}

/** What has expired is absent from every read, swept or not yet. */
const LIVE = "(expires_at IS NULL OR expires_at > @now)";

const versionConflict = (current: StoredDoc) =>
  new AppError("version_conflict", "This was changed elsewhere since you loaded it", { current });

/**
 * The users' documents. Each write and its marker bump (`bump`, the control concern's) commit
 * in one transaction, so a poll never sees one without the other. What has expired is swept by
 * the writes, before theirs.
 */
export function sqliteDocuments(
  db: Db,
  {
    limits,
    clock,
    bump,
  }: {
    limits: StoreLimits;
    clock: () => number;
    bump: (userId: string, kinds: readonly DocKind[]) => void;
  },
) {
  type Now = { now: number };
  type ListParams = [{ userId: string; kind: string } & Now];
  const statements = {
    list: db.prepare<[{ userId: string; kind: string } & Now], DocRow>(
      `SELECT * FROM docs WHERE user_id = @userId AND kind = @kind AND ${LIVE} ORDER BY updated_at DESC, id DESC`,
    ),
    countKind: db.prepare<[{ userId: string; kind: string } & Now], { n: number }>(
      `SELECT count(*) AS n FROM docs WHERE user_id = @userId AND kind = @kind AND ${LIVE}`,
    ),
    countAll: db.prepare<[{ userId: string } & Now], { n: number }>(
      `SELECT count(*) AS n FROM docs WHERE user_id = @userId AND ${LIVE}`,
    ),
    all: db.prepare<[{ userId: string } & Now], DocRow>(
      `SELECT * FROM docs WHERE user_id = @userId AND ${LIVE} ORDER BY kind, created_at, id`,
    ),
    get: db.prepare<[{ userId: string; kind: string; id: string } & Now], DocRow>(
      `SELECT * FROM docs WHERE user_id = @userId AND kind = @kind AND id = @id AND ${LIVE}`,
    ),
    insert: db.prepare(
      "INSERT INTO docs (user_id, id, kind, data, version, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    update: db.prepare(
      "UPDATE docs SET data = ?, version = version + 1, updated_at = ? WHERE user_id = ? AND kind = ? AND id = ? AND version = ?",
    ),
    delete: db.prepare("DELETE FROM docs WHERE user_id = ? AND kind = ? AND id = ?"),
    deleteAll: db.prepare("DELETE FROM docs WHERE user_id = ?"),
    sweep: db.prepare("DELETE FROM docs WHERE expires_at IS NOT NULL AND expires_at <= ?"),
  };

  const readDoc = <T>(userId: string, kind: DocKind, id: string) => {
    const row = statements.get.get({ userId, kind, id, now: clock() });
    return row ? toDoc<T>(row) : null;
  };

  const write = (userId: string, op: WriteOp, now: string) => {
    if (op.op === "delete") {
      const current = readDoc(userId, op.kind, op.id);
      if (!current) throw new AppError("not_found", "Not found");
      if (op.expectedVersion !== undefined && current.version !== op.expectedVersion)
        throw versionConflict(current);
      statements.delete.run(userId, op.kind, op.id);
      return current;
    }
    const json = serializeData(op.data, limits);
    if (op.op === "create") {
      try {
        const { id, kind, version = 1, expiresAt = null } = op;
        statements.insert.run(userId, id, kind, json, version, now, now, expiresAt);
      } catch (error) {
        if (isConstraint(error))
          throw new AppError("conflict", "A document with this id already exists");
        throw error;
      }
    } else if (
      !statements.update.run(json, now, userId, op.kind, op.id, op.expectedVersion).changes
    ) {
      const current = readDoc(userId, op.kind, op.id);
      if (!current) throw new AppError("not_found", "Not found");
      throw versionConflict(current);
    }
    return readDoc(userId, op.kind, op.id) as StoredDoc;
  };

  const commit = db.transaction((userId: string, ops: WriteOp[]) => {
    const at = clock();
    statements.sweep.run(at);
    const now = new Date(at).toISOString();
    const written = ops.map((op) => write(userId, op, now));
    if (ops.length) bump(userId, [...new Set(ops.map((op) => op.kind))]);
    return written;
  });
  const deleteDoc = db.transaction((userId: string, kind: DocKind, id: string) => {
    statements.sweep.run(clock());
    const changed = statements.delete.run(userId, kind, id).changes;
    if (changed) bump(userId, [kind]);
    return changed;
  });

  /**
   * The list with only some fields of `data`, picked out by SQLite: a list of long drafts (or
   * of kept versions) never parses their bodies. A field absent from a document is absent here.
   */
  const projections = new Map<string, ReturnType<typeof db.prepare<ListParams, DocRow>>>();
  const projected = (fields: readonly string[]) => {
    const safe = fields.filter((field) => /^[A-Za-z][A-Za-z0-9]*$/.test(field));
    const key = safe.join(",");
    let statement = projections.get(key);
    if (!statement) {
      const pairs = safe.map((field) => `'${field}', data -> '$.${field}'`).join(", ");
      statement = db.prepare<ListParams, DocRow>(
        `SELECT id, user_id, kind, json_object(${pairs}) AS data, version, created_at, updated_at, expires_at FROM docs WHERE user_id = @userId AND kind = @kind AND ${LIVE} ORDER BY updated_at DESC, id DESC`,
      );
      projections.set(key, statement);
    }
    return statement;
  };

  const port: DocumentsPort = {
    async listDocs<T>(userId: string, kind: DocKind, options: { fields?: string[] } = {}) {
      const { fields } = options;
      if (!fields) return statements.list.all({ userId, kind, now: clock() }).map(toDoc<T>);
      return projected(fields)
        .all({ userId, kind, now: clock() })
        .map((row) => {
          const doc = toDoc<Record<string, unknown>>(row);
          // json_object says null for a field the document lacks: absent, as in Cosmos DB.
          for (const [field, value] of Object.entries(doc.data))
            if (value === null) delete doc.data[field];
          return doc as StoredDoc<T>;
        });
    },
    async countDocs(userId, kind) {
      const now = clock();
      const row = kind
        ? statements.countKind.get({ userId, kind, now })
        : statements.countAll.get({ userId, now });
      return row?.n as number;
    },
    async getDoc<T>(userId: string, kind: DocKind, id: string) {
      return readDoc<T>(userId, kind, id);
    },
    async createDoc<T>(doc: NewDoc<T>) {
      const [created] = commit(doc.userId, [
        { op: "create", kind: doc.kind, id: doc.id, data: doc.data },
      ]);
      return created as StoredDoc<T>;
    },
    async updateDoc<T>(
      userId: string,
      kind: DocKind,
      id: string,
      data: T,
      expectedVersion: number,
    ) {
      const op: WriteOp = { op: "replace", kind, id, data, expectedVersion };
      const [updated] = commit(userId, [op]);
      return updated as StoredDoc<T>;
    },
    async deleteDoc(userId, kind, id) {
      return deleteDoc(userId, kind, id) > 0;
    },
    async commit(userId, ops) {
      return commit(userId, ops);
    },
    async exportDocs(userId) {
      return statements.all.all({ userId, now: clock() }).map((row) => toDoc(row));
    },
  };
  return { port, deleteAll: (userId: string) => statements.deleteAll.run(userId) };
}

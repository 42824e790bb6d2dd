import "server-only";
import { BulkOperationType, type Container } from "@azure/cosmos";
import { AppError } from "@/lib/shared/errors";
import type { DocKind, DocumentsPort, NewDoc, StoredDoc, StoreLimits } from "../types";
import { noteCommitted } from "../written";
import { bumped, cosmosCommit, live, toDoc } from "./commit";
import {
  ATTEMPTS,
  type Cosmos,
  guardedWrite,
  type Item,
  MARKER_ID,
  type MarkerItem,
  statusOf,
} from "./container";

/** Every item of the user but the control document: `select` picks what to read. */
const everything = (c: Container, userId: string, select: string, order = "") =>
  c.items
    .query<Item<StoredDoc>>(
      {
        query: `SELECT ${select} FROM c WHERE c.userId = @userId AND c.id != @marker${order}`,
        parameters: [
          { name: "@userId", value: userId },
          { name: "@marker", value: MARKER_ID },
        ],
      },
      { partitionKey: userId },
    )
    .fetchAll();

/** A user's documents of one kind, newest first; with `fields`, only those of `data`. */
async function list<T>(
  c: Container,
  userId: string,
  kind: DocKind,
  now: number,
  fields?: string[],
) {
  const safe = (fields ?? []).filter((field) => /^[A-Za-z][A-Za-z0-9]*$/.test(field));
  const projection = fields
    ? `c.id, c.userId, c.kind, c.version, c.createdAt, c.updatedAt, c.expiresAt${safe
        .map((field) => `, c.data.${field} AS f_${field}`)
        .join("")}`
    : "*";
  const { resources } = await c.items
    .query<Item<StoredDoc<T>> & Record<string, unknown>>(
      {
        query: `SELECT ${projection} FROM c WHERE c.userId = @userId AND c.kind = @kind ORDER BY c.updatedAt DESC`,
        parameters: [
          { name: "@userId", value: userId },
          { name: "@kind", value: kind },
        ],
      },
      { partitionKey: userId },
    )
    .fetchAll();
  const shown = resources.filter((item) => live(item, now));
  if (!fields) return shown.map((item) => toDoc(item));
  return shown.map((item) =>
    toDoc({
      ...item,
      data: Object.fromEntries(safe.map((field) => [field, item[`f_${field}`]])) as T,
    }),
  );
}

/** The users' documents, each write in one transactional batch with the marker's bump. */
export function cosmosDocuments(cosmos: Cosmos, limits: StoreLimits) {
  const { run, read, batch, clock } = cosmos;
  const commit = cosmosCommit(cosmos, limits);

  const port: DocumentsPort = {
    listDocs: <T>(userId: string, kind: DocKind, { fields }: { fields?: string[] } = {}) =>
      run((c) => list<T>(c, userId, kind, clock(), fields)),
    countDocs: (userId, kind) =>
      run(async (c) => {
        const { resources } = await c.items
          .query<number>(
            {
              query: `SELECT VALUE COUNT(1) FROM c WHERE c.userId = @userId AND ${
                kind ? "c.kind = @kind" : "IS_DEFINED(c.version) AND c.id != @marker"
              } AND (NOT IS_DEFINED(c.expiresAt) OR c.expiresAt > @now)`,
              parameters: [
                { name: "@userId", value: userId },
                kind ? { name: "@kind", value: kind } : { name: "@marker", value: MARKER_ID },
                { name: "@now", value: clock() },
              ],
            },
            { partitionKey: userId },
          )
          .fetchAll();
        return resources[0] ?? 0;
      }),
    getDoc: <T>(userId: string, kind: DocKind, id: string) =>
      run(async (c) => {
        const item = await read<StoredDoc<T>>(c, id, userId);
        return item?.kind === kind && live(item, clock()) ? toDoc(item) : null;
      }),
    createDoc: async <T>(doc: NewDoc<T>) => {
      const [created] = await commit(doc.userId, [
        { op: "create", kind: doc.kind, id: doc.id, data: doc.data },
      ]);
      return created as StoredDoc<T>;
    },
    updateDoc: async <T>(
      userId: string,
      kind: DocKind,
      id: string,
      data: T,
      expectedVersion: number,
    ) => {
      const [updated] = await commit(userId, [{ op: "replace", kind, id, data, expectedVersion }]);
      return updated as StoredDoc<T>;
    },
    deleteDoc: (userId, kind, id) =>
      run(async (c) => {
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const current = await read<StoredDoc>(c, id, userId);
          if (current?.kind !== kind) return false;
          const marker = await read<MarkerItem>(c, MARKER_ID, userId);
          const next = bumped(userId, marker, clock(), [kind]);
          const [markerStatus, docStatus] = await batch(c, userId, [
            guardedWrite(marker, next),
            { operationType: BulkOperationType.Delete, partitionKey: userId, id },
          ]);
          if ((markerStatus ?? 500) < 400 && (docStatus ?? 500) < 400) {
            noteCommitted(userId, next.version, [kind]);
            return true;
          }
          if (docStatus === 404) return false;
        }
        throw new AppError("store_unavailable", "Too many concurrent writes; try again");
      }),
    commit,
    exportDocs: (userId) =>
      run(async (c) => {
        const { resources } = await everything(c, userId, "*", " ORDER BY c.kind");
        const now = clock();
        return resources.filter((item) => live(item, now)).map((item) => toDoc(item));
      }),
  };

  /** Removes every document of the user (the control document stays). */
  const deleteAll: (userId: string) => Promise<void> = (userId) =>
    run(async (c) => {
      const { resources } = await everything(c, userId, "c.id");
      for (const { id } of resources) {
        await c
          .item(id, userId)
          .delete()
          .catch((error: unknown) => {
            if (statusOf(error) !== 404) throw error;
          });
      }
    });
  return { port, deleteAll };
}

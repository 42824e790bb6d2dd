import "server-only";
import {
  BulkOperationType,
  type Container,
  type ItemDefinition,
  type OperationInput,
} from "@azure/cosmos";
import { AppError } from "@/lib/shared/errors";
import { serializeData } from "../doc-size";
import type { DocKind, NewDoc, Store, StoredDoc, StoreLimits, WriteOp } from "../types";
import {
  ATTEMPTS,
  type Cosmos,
  emptyMarker,
  guardedWrite,
  type Item,
  MARKER_ID,
  type MarkerItem,
  statusOf,
} from "./container";

function toDoc<T>(item: Item<StoredDoc<T>>): StoredDoc<T> {
  const { id, userId, kind, data, version, createdAt, updatedAt } = item;
  return { id, userId, kind, data, version, createdAt, updatedAt };
}

const versionConflict = (current: StoredDoc) =>
  new AppError("version_conflict", "This was changed elsewhere since you loaded it", { current });

const bumped = (userId: string, marker: MarkerItem | null): MarkerItem => ({
  ...(marker ?? emptyMarker(userId)),
  version: (marker?.version ?? 0) + 1,
});

type DocumentsPort = Pick<
  Store,
  | "listDocs"
  | "countDocs"
  | "getDoc"
  | "createDoc"
  | "updateDoc"
  | "deleteDoc"
  | "commit"
  | "exportDocs"
>;

/** The users' documents, each write in one transactional batch with the marker's bump. */
export function cosmosDocuments(cosmos: Cosmos, limits: StoreLimits) {
  const { run, read, batch, clock } = cosmos;

  /** The operation of one write, and the document it leaves. */
  async function prepare(c: Container, userId: string, write: WriteOp, now: string) {
    serializeData(write.data, limits);
    if (write.op === "create") {
      const doc: StoredDoc = {
        id: write.id,
        userId,
        kind: write.kind,
        data: write.data,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const op: OperationInput = {
        operationType: BulkOperationType.Create,
        resourceBody: { ...doc } as StoredDoc & ItemDefinition,
      };
      return { doc, op };
    }
    const current = await read<StoredDoc>(c, write.id, userId);
    if (current?.kind !== write.kind) throw new AppError("not_found", "Not found");
    if (current.version !== write.expectedVersion) throw versionConflict(toDoc(current));
    const doc: StoredDoc = {
      ...toDoc(current),
      data: write.data,
      version: current.version + 1,
      updatedAt: now,
    };
    return { doc, op: guardedWrite(current, { ...doc } as StoredDoc & ItemDefinition) };
  }

  /** Why operation `index` of a batch failed, as the port's error. */
  async function failure(c: Container, userId: string, write: WriteOp, status: number) {
    if (write.op === "create" && status === 409)
      return new AppError("conflict", "A document with this id already exists");
    if (status === 412 || status === 404) {
      const latest = await read<StoredDoc>(c, write.id, userId);
      if (!latest || latest.kind !== write.kind) return new AppError("not_found", "Not found");
      return versionConflict(toDoc(latest));
    }
    return new AppError("store_unavailable", `The database refused a write (${status})`);
  }

  /**
   * Writes documents and bumps the marker in one transactional batch in the user's partition.
   * The marker goes first: the test server applies a batch's operations one by one without
   * rolling back, and a marker bumped for nothing only makes a poll refetch, while a document
   * written without its bump would stay hidden from other devices.
   */
  const commit = (userId: string, ops: WriteOp[]) =>
    run(async (c) => {
      if (ops.length === 0) return [];
      if (ops.length > 99) throw new AppError("bad_request", "Too many writes in one commit");
      const now = new Date(clock()).toISOString();
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const marker = await read<MarkerItem>(c, MARKER_ID, userId);
        const writes = [];
        for (const write of ops) writes.push(await prepare(c, userId, write, now));
        const statuses = await batch(c, userId, [
          guardedWrite(marker, bumped(userId, marker)),
          ...writes.map((write) => write.op),
        ]);
        const failed = statuses.findIndex((status) => status >= 400 && status !== 424);
        if (failed === -1) return writes.map((write) => write.doc);
        if (failed === 0) continue; // the marker moved: another write of this user, try again
        throw await failure(c, userId, ops[failed - 1] as WriteOp, statuses[failed] as number);
      }
      throw new AppError("store_unavailable", "Too many concurrent writes; try again");
    });

  /** Every item of the user but the control document: `fields` picks what to select. */
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

  const port: DocumentsPort = {
    listDocs: <T>(userId: string, kind: DocKind, { fields }: { fields?: string[] } = {}) =>
      run(async (c) => {
        const safe = (fields ?? []).filter((field) => /^[A-Za-z][A-Za-z0-9]*$/.test(field));
        const projection = fields
          ? `c.id, c.userId, c.kind, c.version, c.createdAt, c.updatedAt${safe
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
        if (!fields) return resources.map((item) => toDoc(item));
        return resources.map((item) =>
          toDoc({
            ...item,
            data: Object.fromEntries(safe.map((field) => [field, item[`f_${field}`]])) as T,
          }),
        );
      }),
    countDocs: (userId, kind) =>
      run(async (c) => {
        const { resources } = await c.items
          .query<number>(
            {
              query: `SELECT VALUE COUNT(1) FROM c WHERE c.userId = @userId AND ${
                kind ? "c.kind = @kind" : "IS_DEFINED(c.version) AND c.id != @marker"
              }`,
              parameters: [
                { name: "@userId", value: userId },
                kind ? { name: "@kind", value: kind } : { name: "@marker", value: MARKER_ID },
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
        return item?.kind === kind ? toDoc(item) : null;
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
          const [markerStatus, docStatus] = await batch(c, userId, [
            guardedWrite(marker, bumped(userId, marker)),
            { operationType: BulkOperationType.Delete, partitionKey: userId, id },
          ]);
          if ((markerStatus ?? 500) < 400 && (docStatus ?? 500) < 400) return true;
          if (docStatus === 404) return false;
        }
        throw new AppError("store_unavailable", "Too many concurrent writes; try again");
      }),
    commit,
    exportDocs: (userId) =>
      run(async (c) => {
        const { resources } = await everything(c, userId, "*", " ORDER BY c.kind");
        return resources.map((item) => toDoc(item));
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

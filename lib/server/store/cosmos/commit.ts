import "server-only";
import {
  BulkOperationType,
  type Container,
  type ItemDefinition,
  type OperationInput,
} from "@azure/cosmos";
import { AppError } from "@/lib/shared/errors";
import { serializeData } from "../doc-size";
import type { DocKind, StoredDoc, StoreLimits, WriteOp } from "../types";
import { noteCommitted } from "../written";
import {
  ATTEMPTS,
  type Cosmos,
  emptyMarker,
  guardedWrite,
  type Item,
  MARKER_ID,
  type MarkerItem,
} from "./container";

export function toDoc<T>(item: Item<StoredDoc<T>>): StoredDoc<T> {
  const { id, userId, kind, data, version, createdAt, updatedAt, expiresAt } = item;
  const doc = { id, userId, kind, data, version, createdAt, updatedAt };
  return expiresAt === undefined ? doc : { ...doc, expiresAt };
}

/**
 * Whether an item is still there at `now`. Cosmos DB stops returning an item once its TTL
 * passes; the test server keeps it, so reads check too.
 */
export const live = (item: { expiresAt?: number } | null, now: number) =>
  !!item && (item.expiresAt === undefined || item.expiresAt > now);

const versionConflict = (current: StoredDoc) =>
  new AppError("version_conflict", "This was changed elsewhere since you loaded it", { current });

/**
 * The control document with its marker moved on by one, at `at` (ms since the epoch), and
 * recorded for the kinds written.
 */
export function bumped(
  userId: string,
  marker: MarkerItem | null,
  at: number,
  kinds: readonly DocKind[],
): MarkerItem {
  const version = (marker?.version ?? 0) + 1;
  const changed = { ...marker?.kinds };
  for (const kind of kinds) changed[kind] = version;
  return { ...(marker ?? emptyMarker(userId)), version, changedAt: at, kinds: changed };
}

/** The operation of one write, and the document it leaves. */
async function prepare(
  { read }: Cosmos,
  c: Container,
  userId: string,
  write: WriteOp,
  now: string,
  limits: StoreLimits,
) {
  if (write.op === "delete") {
    const current = await read<StoredDoc>(c, write.id, userId);
    if (current?.kind !== write.kind || !live(current, Date.parse(now)))
      throw new AppError("not_found", "Not found");
    if (write.expectedVersion !== undefined && current.version !== write.expectedVersion)
      throw versionConflict(toDoc(current));
    // No If-Match on a delete in a batch: the marker's guard (every write moves it) stands in.
    const op: OperationInput = {
      operationType: BulkOperationType.Delete,
      partitionKey: userId,
      id: write.id,
    };
    return { doc: toDoc(current), op };
  }
  serializeData(write.data, limits);
  if (write.op === "create") {
    const doc: StoredDoc = {
      id: write.id,
      userId,
      kind: write.kind,
      data: write.data,
      version: write.version ?? 1,
      createdAt: now,
      updatedAt: now,
      ...(write.expiresAt === undefined ? {} : { expiresAt: write.expiresAt }),
    };
    // Cosmos DB deletes it itself (seconds; the container has TTL on, with no default).
    const ttl =
      write.expiresAt === undefined
        ? {}
        : { ttl: Math.max(1, Math.ceil((write.expiresAt - Date.parse(now)) / 1000)) };
    const op: OperationInput = {
      operationType: BulkOperationType.Create,
      resourceBody: { ...doc, ...ttl } as StoredDoc & ItemDefinition,
    };
    return { doc, op };
  }
  const current = await read<StoredDoc>(c, write.id, userId);
  if (current?.kind !== write.kind || !live(current, Date.parse(now)))
    throw new AppError("not_found", "Not found");
  if (current.version !== write.expectedVersion) throw versionConflict(toDoc(current));
  const doc: StoredDoc = {
    ...toDoc(current),
    data: write.data,
    version: current.version + 1,
    updatedAt: now,
  };
  return { doc, op: guardedWrite(current, { ...doc } as StoredDoc & ItemDefinition) };
}

/** Why one write of a batch failed, as the port's error. */
async function failure(
  { read }: Cosmos,
  c: Container,
  userId: string,
  write: WriteOp,
  status: number,
) {
  if (write.op === "create" && status === 409)
    return new AppError("conflict", "A document with this id already exists");
  if (status === 412 || status === 404) {
    const latest = await read<StoredDoc>(c, write.id, userId);
    if (latest?.kind !== write.kind || !live(latest, Date.now()))
      return new AppError("not_found", "Not found");
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
export function cosmosCommit(cosmos: Cosmos, limits: StoreLimits) {
  const { run, read, batch, clock } = cosmos;
  return (userId: string, ops: WriteOp[]) =>
    run(async (c) => {
      if (ops.length === 0) return [];
      if (ops.length > 99) throw new AppError("bad_request", "Too many writes in one commit");
      const now = new Date(clock()).toISOString();
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const marker = await read<MarkerItem>(c, MARKER_ID, userId);
        const writes = [];
        for (const write of ops) writes.push(await prepare(cosmos, c, userId, write, now, limits));
        const kinds = [...new Set(ops.map((op) => op.kind))];
        const next = bumped(userId, marker, clock(), kinds);
        const statuses = await batch(c, userId, [
          guardedWrite(marker, next),
          ...writes.map((write) => write.op),
        ]);
        const failed = statuses.findIndex((status) => status >= 400 && status !== 424);
        if (failed === -1) {
          noteCommitted(userId, next.version, kinds);
          return writes.map((write) => write.doc);
        }
        if (failed === 0) continue; // the marker moved: another write of this user, try again
        const write = ops[failed - 1] as WriteOp;
        throw await failure(cosmos, c, userId, write, statuses[failed] as number);
      }
      throw new AppError("store_unavailable", "Too many concurrent writes; try again");
    });
}

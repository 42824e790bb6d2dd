import "server-only";
import { createHash } from "node:crypto";
import type { Agent } from "node:https";
import {
  BulkOperationType,
  type Container,
  CosmosClient,
  type ItemDefinition,
  type OperationInput,
} from "@azure/cosmos";
import { AppError } from "@/lib/shared/errors";
import { DEFAULT_STORE_LIMITS, serializeData } from "./doc-size";
import type {
  Counter,
  DocKind,
  NewDoc,
  SessionControl,
  Store,
  StoredDoc,
  StoreLimits,
  UserControl,
  UserRecord,
  WriteOp,
} from "./types";

export interface CosmosStoreOptions {
  endpoint: string;
  key: string;
  database: string;
  container: string;
  limits?: StoreLimits;
  /** Only tests pass one (to trust the local test server's certificate). */
  agent?: Agent;
  /** Milliseconds since the epoch; tests pass their own to step time instead of sleeping. */
  clock?: () => number;
}

const MARKER_ID = "marker";
const ACCOUNT_ID = "account";
const COUNTER_ID = "counter";
/** Optimistic writes retry this often when another write to the same user lands in between. */
const ATTEMPTS = 8;

type Item<T> = T & ItemDefinition & { _etag?: string };

interface AccountItem {
  id: typeof ACCOUNT_ID;
  userId: string;
  kind: "account";
  uid: string;
  email: string;
  passwordHash: string;
  createdAt: string;
}

interface MarkerItem extends SessionControl {
  id: typeof MARKER_ID;
  userId: string;
  kind: "marker";
  version: number;
  activeAt?: number;
  deletedAt?: number;
}

interface CounterItem {
  id: typeof COUNTER_ID;
  userId: string;
  kind: "counter";
  count: number;
  expiresAt: number;
  /** Seconds; Cosmos DB deletes the item after it (the test server ignores it: expiresAt rules). */
  ttl: number;
}

/**
 * Accounts are looked up by email before anyone is signed in, so the email gets a partition of
 * its own: `email:<sha256>` holds a single `account` item, found with one point read and made
 * unique by Cosmos itself (a second create is a 409). Counters get one partition each likewise.
 */
const hashed = (prefix: string, value: string) =>
  `${prefix}:${createHash("sha256").update(value).digest("hex")}`;
const emailPartition = (email: string) => hashed("email", email);
const counterPartition = (key: string) => hashed("counter", key);

function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error && "code" in error && typeof error.code === "number")
    return error.code;
  return undefined;
}

/** Network failures, throttling and server errors mean "try later", not "bad request". */
function unavailable(error: unknown): never {
  if (process.env.DEBUG_COSMOS) console.error("COSMOS", error);
  const status = statusOf(error);
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    throw new AppError(
      "store_unavailable",
      "The database is unreachable right now; try again shortly",
    );
  }
  throw error;
}

function toDoc<T>(item: Item<StoredDoc<T>>): StoredDoc<T> {
  const { id, userId, kind, data, version, createdAt, updatedAt } = item;
  return { id, userId, kind, data, version, createdAt, updatedAt };
}

const emptyMarker = (userId: string): MarkerItem => ({
  id: MARKER_ID,
  userId,
  kind: "marker",
  version: 0,
  sessionsValidAfter: 0,
  revoked: [],
});

/**
 * A replace guarded by the etag we read, or a create when there was nothing to read. Each
 * operation names its partition: the test server needs it, a real account accepts it.
 */
const guardedWrite = (
  before: { _etag?: string } | null,
  body: ItemDefinition & { userId: string },
): OperationInput =>
  before
    ? {
        operationType: BulkOperationType.Replace,
        partitionKey: body.userId,
        id: body.id as string,
        resourceBody: body,
        ifMatch: before._etag,
      }
    : { operationType: BulkOperationType.Create, partitionKey: body.userId, resourceBody: body };

export function createCosmosStore(options: CosmosStoreOptions): Store {
  const limits = options.limits ?? DEFAULT_STORE_LIMITS;
  const clock = options.clock ?? Date.now;
  const client = new CosmosClient({
    endpoint: options.endpoint,
    key: options.key,
    ...(options.agent ? { agent: options.agent } : {}),
    connectionPolicy: { enableEndpointDiscovery: !options.agent, requestTimeout: 5000 },
  });

  let ready: Promise<Container> | undefined;
  const container = () => {
    ready ??= (async () => {
      const { database } = await client.databases.createIfNotExists({ id: options.database });
      const { container } = await database.containers.createIfNotExists({
        id: options.container,
        partitionKey: { paths: ["/userId"] },
        // Time to live on, with no default: only items with a `ttl` (counters) expire.
        defaultTtl: -1,
      });
      return container;
    })().catch((error) => {
      ready = undefined; // let the next request try again
      return unavailable(error);
    });
    return ready;
  };

  const run = async <R>(work: (c: Container) => Promise<R>): Promise<R> => {
    const c = await container();
    try {
      return await work(c);
    } catch (error) {
      if (error instanceof AppError) throw error;
      return unavailable(error);
    }
  };

  const read = async <T>(c: Container, id: string, partition: string) => {
    const { resource } = await c.item(id, partition).read<Item<T>>();
    return resource ?? null;
  };

  /** Runs `ops` as one transactional batch; the statuses of every operation, in order. */
  const batch = async (c: Container, partition: string, ops: OperationInput[]) => {
    const response = await c.items.batch(ops, partition);
    return (response.result ?? []).map((result) => result.statusCode);
  };

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
        const docs: StoredDoc[] = [];
        const docOps: OperationInput[] = [];
        for (const write of ops) {
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
            docs.push(doc);
            docOps.push({
              operationType: BulkOperationType.Create,
              resourceBody: { ...doc } as StoredDoc & ItemDefinition,
            });
            continue;
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
          docs.push(doc);
          docOps.push(guardedWrite(current, { ...doc } as StoredDoc & ItemDefinition));
        }
        const next = { ...(marker ?? emptyMarker(userId)), version: (marker?.version ?? 0) + 1 };
        const statuses = await batch(c, userId, [guardedWrite(marker, next), ...docOps]);
        const failed = statuses.findIndex((status) => status >= 400 && status !== 424);
        if (failed === -1) return docs;
        if (failed === 0) continue; // the marker moved: another write of this user, try again
        const write = ops[failed - 1] as WriteOp;
        const status = statuses[failed] as number;
        if (write.op === "create" && status === 409)
          throw new AppError("conflict", "A document with this id already exists");
        if (status === 412 || status === 404) {
          const latest = await read<StoredDoc>(c, write.id, userId);
          if (!latest || latest.kind !== write.kind) throw new AppError("not_found", "Not found");
          throw versionConflict(toDoc(latest));
        }
        throw new AppError("store_unavailable", `The database refused a write (${status})`);
      }
      throw new AppError("store_unavailable", "Too many concurrent writes; try again");
    });

  const versionConflict = (current: StoredDoc) =>
    new AppError("version_conflict", "This was changed elsewhere since you loaded it", {
      current,
    });

  /** Read-modify-write of one item, guarded by its etag, again when someone wrote between. */
  const rewrite = async <T extends ItemDefinition>(
    c: Container,
    id: string,
    partition: string,
    change: (current: Item<T> | null) => T,
  ) => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await read<T>(c, id, partition);
      const next = change(current);
      try {
        if (current) {
          await c.item(id, partition).replace(next, {
            accessCondition: { type: "IfMatch", condition: current._etag ?? "" },
          });
        } else {
          await c.items.create(next);
        }
        return next;
      } catch (error) {
        const status = statusOf(error);
        if (status !== 412 && status !== 409) throw error;
      }
    }
    throw new AppError("store_unavailable", "Too many concurrent writes; try again");
  };

  return {
    name: "cosmos",
    createUser: (user: UserRecord) =>
      run(async (c) => {
        const item: AccountItem = {
          id: ACCOUNT_ID,
          userId: emailPartition(user.email),
          kind: "account",
          uid: user.id,
          email: user.email,
          passwordHash: user.passwordHash,
          createdAt: user.createdAt,
        };
        try {
          await c.items.create(item);
        } catch (error) {
          if (statusOf(error) === 409)
            throw new AppError("conflict", "An account with this email already exists");
          throw error;
        }
      }),
    findUserByEmail: (email) =>
      run(async (c) => {
        const item = await read<AccountItem>(c, ACCOUNT_ID, emailPartition(email));
        return item
          ? {
              id: item.uid,
              email: item.email,
              passwordHash: item.passwordHash,
              createdAt: item.createdAt,
            }
          : null;
      }),
    setPasswordHash: (email, passwordHash) =>
      run(async (c) => {
        const partition = emailPartition(email);
        if (!(await read<AccountItem>(c, ACCOUNT_ID, partition))) return false;
        await rewrite<AccountItem>(c, ACCOUNT_ID, partition, (current) => ({
          ...(current as AccountItem),
          passwordHash,
        }));
        return true;
      }),
    getControl: (userId) =>
      run(async (c): Promise<UserControl> => {
        const item = await read<MarkerItem>(c, MARKER_ID, userId);
        return {
          marker: item?.version ?? 0,
          sessionsValidAfter: item?.sessionsValidAfter ?? 0,
          revoked: item?.revoked ?? [],
          activeAt: item?.activeAt ?? 0,
          deletedAt: item?.deletedAt ?? 0,
        };
      }),
    touchPresence: (userId, at) =>
      run(async (c) => {
        // One patch, no read: presence is advisory, so the last writer may win.
        try {
          await c.item(MARKER_ID, userId).patch([{ op: "set", path: "/activeAt", value: at }]);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
          await rewrite<MarkerItem>(c, MARKER_ID, userId, (current) => ({
            ...(current ?? emptyMarker(userId)),
            activeAt: at,
          }));
        }
      }),
    updateSessions: (userId, change) =>
      run(async (c) => {
        await rewrite<MarkerItem>(c, MARKER_ID, userId, (current) => {
          const base = current ?? emptyMarker(userId);
          const next = change({
            sessionsValidAfter: base.sessionsValidAfter ?? 0,
            revoked: base.revoked ?? [],
          });
          return { ...base, ...next };
        });
      }),
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
          const next = {
            ...(marker ?? emptyMarker(userId)),
            version: (marker?.version ?? 0) + 1,
          };
          const [markerStatus, docStatus] = await batch(c, userId, [
            guardedWrite(marker, next),
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
        const { resources } = await c.items
          .query<Item<StoredDoc>>(
            {
              query: "SELECT * FROM c WHERE c.userId = @userId AND c.id != @marker ORDER BY c.kind",
              parameters: [
                { name: "@userId", value: userId },
                { name: "@marker", value: MARKER_ID },
              ],
            },
            { partitionKey: userId },
          )
          .fetchAll();
        return resources.map((item) => toDoc(item));
      }),
    deleteUser: (userId, email) =>
      run(async (c) => {
        // Sessions end first, so no device writes while the documents go; the control item
        // stays behind (a few bytes) so the old tokens stay refused.
        const now = clock();
        await rewrite<MarkerItem>(c, MARKER_ID, userId, (current) => ({
          ...(current ?? emptyMarker(userId)),
          version: (current?.version ?? 0) + 1,
          sessionsValidAfter: now,
          revoked: [],
          deletedAt: now,
        }));
        const { resources } = await c.items
          .query<{ id: string }>(
            {
              query: "SELECT c.id FROM c WHERE c.userId = @userId AND c.id != @marker",
              parameters: [
                { name: "@userId", value: userId },
                { name: "@marker", value: MARKER_ID },
              ],
            },
            { partitionKey: userId },
          )
          .fetchAll();
        for (const { id } of resources) {
          await c
            .item(id, userId)
            .delete()
            .catch((error: unknown) => {
              if (statusOf(error) !== 404) throw error;
            });
        }
        if (email) {
          const partition = emailPartition(email);
          const account = await read<AccountItem>(c, ACCOUNT_ID, partition);
          if (account?.uid === userId) await c.item(ACCOUNT_ID, partition).delete();
        }
      }),
    hitCounter: (key, windowMs) =>
      run(async (c) => {
        const now = clock();
        const partition = counterPartition(key);
        const item = await rewrite<CounterItem>(c, COUNTER_ID, partition, (current) =>
          current && current.expiresAt > now
            ? { ...current, count: current.count + 1 }
            : {
                id: COUNTER_ID,
                userId: partition,
                kind: "counter",
                count: 1,
                expiresAt: now + windowMs,
                ttl: Math.ceil(windowMs / 1000),
              },
        );
        return { count: item.count, resetAt: item.expiresAt };
      }),
    readCounter: (key) =>
      run(async (c): Promise<Counter | null> => {
        const item = await read<CounterItem>(c, COUNTER_ID, counterPartition(key));
        return item && item.expiresAt > clock()
          ? { count: item.count, resetAt: item.expiresAt }
          : null;
      }),
    clearCounter: (key) =>
      run(async (c) => {
        await c
          .item(COUNTER_ID, counterPartition(key))
          .delete()
          .catch((error: unknown) => {
            if (statusOf(error) !== 404) throw error;
          });
      }),
    async close() {
      client.dispose();
    },
  };
}

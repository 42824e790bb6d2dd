import "server-only";
import { createHash } from "node:crypto";
import type { Agent } from "node:https";
import { type Container, CosmosClient, type ItemDefinition } from "@azure/cosmos";
import { AppError } from "@/lib/errors";
import type { DocKind, NewDoc, Store, StoredDoc, UserRecord } from "./types";

export interface CosmosStoreOptions {
  endpoint: string;
  key: string;
  database: string;
  container: string;
  /** Only tests pass one (to trust the local test server's certificate). */
  agent?: Agent;
}

const MARKER_ID = "marker";
const ACCOUNT_ID = "account";

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

/**
 * Accounts are looked up by email before anyone is signed in, so the email gets a partition of
 * its own: `email:<sha256>` holds a single `account` item, found with one point read and made
 * unique by Cosmos itself (a second create is a 409).
 */
const emailPartition = (email: string) =>
  `email:${createHash("sha256").update(email).digest("hex")}`;

function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error && "code" in error && typeof error.code === "number")
    return error.code;
  return undefined;
}

/** Network failures, throttling and server errors mean "try later", not "bad request". */
function unavailable(error: unknown): never {
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

export function createCosmosStore(options: CosmosStoreOptions): Store {
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

  // Written after the doc itself: a poll that reads the old marker then the new doc is merely
  // early; the reverse order could hide a write from pollers forever.
  const bumpMarker = async (c: Container, userId: string) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await c.item(MARKER_ID, userId).patch([{ op: "incr", path: "/version", value: 1 }]);
        return;
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
      try {
        await c.items.create({ id: MARKER_ID, userId, kind: "marker", version: 1 });
        return;
      } catch (error) {
        if (statusOf(error) !== 409) throw error; // created by a concurrent write: patch it
      }
    }
    throw new AppError("store_unavailable", "Could not record the change; try again");
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
    getMarker: (userId) =>
      run(async (c) => (await read<{ version: number }>(c, MARKER_ID, userId))?.version ?? 0),
    listDocs: <T>(userId: string, kind: DocKind) =>
      run(async (c) => {
        const { resources } = await c.items
          .query<Item<StoredDoc<T>>>(
            {
              query:
                "SELECT * FROM c WHERE c.userId = @userId AND c.kind = @kind ORDER BY c.updatedAt DESC",
              parameters: [
                { name: "@userId", value: userId },
                { name: "@kind", value: kind },
              ],
            },
            { partitionKey: userId },
          )
          .fetchAll();
        return resources.map((item) => toDoc(item));
      }),
    getDoc: <T>(userId: string, kind: DocKind, id: string) =>
      run(async (c) => {
        const item = await read<StoredDoc<T>>(c, id, userId);
        return item?.kind === kind ? toDoc(item) : null;
      }),
    createDoc: <T>(doc: NewDoc<T>) =>
      run(async (c) => {
        const now = new Date().toISOString();
        const stored: StoredDoc<T> = { ...doc, version: 1, createdAt: now, updatedAt: now };
        try {
          await c.items.create(stored);
        } catch (error) {
          if (statusOf(error) === 409)
            throw new AppError("conflict", "A document with this id already exists");
          throw error;
        }
        await bumpMarker(c, doc.userId);
        return stored;
      }),
    updateDoc: <T>(userId: string, kind: DocKind, id: string, data: T, expectedVersion: number) =>
      run(async (c) => {
        const current = await read<StoredDoc<T>>(c, id, userId);
        if (current?.kind !== kind) throw new AppError("not_found", "Not found");
        const conflict = (latest: Item<StoredDoc<T>>) =>
          new AppError("version_conflict", "This was changed elsewhere since you loaded it", {
            current: toDoc(latest),
          });
        if (current.version !== expectedVersion) throw conflict(current);
        const next: StoredDoc<T> = {
          ...toDoc(current),
          data,
          version: current.version + 1,
          updatedAt: new Date().toISOString(),
        };
        try {
          // The etag check closes the gap between our read and this write.
          await c.item(id, userId).replace(next, {
            accessCondition: { type: "IfMatch", condition: current._etag ?? "" },
          });
        } catch (error) {
          if (statusOf(error) !== 412) throw error;
          const latest = await read<StoredDoc<T>>(c, id, userId);
          if (!latest) throw new AppError("not_found", "Not found");
          throw conflict(latest);
        }
        await bumpMarker(c, userId);
        return next;
      }),
    deleteDoc: (userId, kind, id) =>
      run(async (c) => {
        const current = await read<StoredDoc>(c, id, userId);
        if (current?.kind !== kind) return false;
        try {
          await c.item(id, userId).delete();
        } catch (error) {
          if (statusOf(error) === 404) return false;
          throw error;
        }
        await bumpMarker(c, userId);
        return true;
      }),
    async close() {
      client.dispose();
    },
  };
}

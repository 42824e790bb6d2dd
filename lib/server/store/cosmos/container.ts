import "server-only";
import { createHash } from "node:crypto";
import type { Agent } from "node:https";
import {
  BulkOperationType,
  type Container,
  CosmosClient,
  type ItemDefinition,
  type OperationInput,
  type PluginConfig,
} from "@azure/cosmos";
import { addRequestCharge } from "@/lib/server/telemetry/metrics";
import { AppError } from "@/lib/shared/errors";
import type { DocKind, SessionControl, StoreLimits } from "../types";

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

export const MARKER_ID = "marker";
export const ACCOUNT_ID = "account";
export const COUNTER_ID = "counter";
/** Optimistic writes retry this often when another write to the same user lands in between. */
export const ATTEMPTS = 8;

export type Item<T> = T & ItemDefinition & { _etag?: string };

/** The user's control document, in their partition. */
export interface MarkerItem extends SessionControl {
  id: typeof MARKER_ID;
  userId: string;
  kind: "marker";
  version: number;
  activeAt?: number;
  deletedAt?: number;
  changedAt?: number;
  kinds?: Partial<Record<DocKind, number>>;
}

export const emptyMarker = (userId: string): MarkerItem => ({
  id: MARKER_ID,
  userId,
  kind: "marker",
  version: 0,
  sessionsValidAfter: 0,
  revoked: [],
});

/**
 * Accounts are looked up by email before anyone is signed in, so the email gets a partition of
 * its own: `email:<sha256>` holds a single `account` item, found with one point read and made
 * unique by Cosmos itself (a second create is a 409). Counters get one partition each likewise.
 */
const hashed = (prefix: string, value: string) =>
  `${prefix}:${createHash("sha256").update(value).digest("hex")}`;
export const emailPartition = (email: string) => hashed("email", email);
export const counterPartition = (key: string) => hashed("counter", key);

export function statusOf(error: unknown): number | undefined {
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

/**
 * A replace guarded by the etag we read, or a create when there was nothing to read. Each
 * operation names its partition: the test server needs it, a real account accepts it.
 */
export const guardedWrite = (
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

/** What every concern of the adapter shares: the container, and how to call it. */
export interface Cosmos {
  /** Runs `work` on the container; store outages become `store_unavailable`. */
  run<R>(work: (c: Container) => Promise<R>): Promise<R>;
  read<T>(c: Container, id: string, partition: string): Promise<Item<T> | null>;
  /** Runs `ops` as one transactional batch; the statuses of every operation, in order. */
  batch(c: Container, partition: string, ops: OperationInput[]): Promise<number[]>;
  /** Read-modify-write of one item, guarded by its etag, again when someone wrote between. */
  rewrite<T extends ItemDefinition>(
    c: Container,
    id: string,
    partition: string,
    change: (current: Item<T> | null) => T,
  ): Promise<T>;
  clock: () => number;
  dispose(): void;
}

/**
 * Every response's request charge, added to the store call under way (telemetry). Through the
 * SDK's plugin hook, which it marks @hidden, hence the options object built apart.
 */
const chargePlugin: PluginConfig = {
  on: "request",
  plugin: async (context, _diagnostics, next) => {
    try {
      const response = await next(context);
      addRequestCharge(Number(response.headers?.["x-ms-request-charge"] ?? 0));
      return response;
    } catch (error) {
      const headers = (error as { headers?: Record<string, unknown> }).headers;
      addRequestCharge(Number(headers?.["x-ms-request-charge"] ?? 0));
      throw error;
    }
  },
};

export function connect(options: CosmosStoreOptions): Cosmos {
  const clientOptions = {
    endpoint: options.endpoint,
    key: options.key,
    ...(options.agent ? { agent: options.agent } : {}),
    connectionPolicy: { enableEndpointDiscovery: !options.agent, requestTimeout: 5000 },
    plugins: [chargePlugin],
  };
  const client = new CosmosClient(clientOptions);

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

  const read = async <T>(c: Container, id: string, partition: string) => {
    const { resource } = await c.item(id, partition).read<Item<T>>();
    return resource ?? null;
  };

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
    async run(work) {
      const c = await container();
      try {
        return await work(c);
      } catch (error) {
        if (error instanceof AppError) throw error;
        return unavailable(error);
      }
    },
    read,
    async batch(c, partition, ops) {
      const response = await c.items.batch(ops, partition);
      return (response.result ?? []).map((result) => result.statusCode);
    },
    rewrite,
    clock: options.clock ?? Date.now,
    dispose: () => client.dispose(),
  };
}

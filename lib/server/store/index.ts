import "server-only";
import { Agent } from "node:https";
import path from "node:path";
import { env } from "@/lib/server/env";
import { measureStoreCall, telemetryOn } from "@/lib/server/telemetry/metrics";
import { containerName } from "./container-name.mjs";
import { createCosmosStore } from "./cosmos";
import { createSqliteStore } from "./sqlite";
import type { Store } from "./types";

export type { DocKind, Store, StoredDoc, UserControl, UserRecord, WriteOp } from "./types";

// On globalThis so `next dev` hot reloads reuse one client/connection per process.
const holder = globalThis as typeof globalThis & { handoffStore?: Store };

/**
 * Cosmos DB when COSMOS_ENDPOINT is set, otherwise the embedded SQLite file; with telemetry
 * on, every call timed (and its Cosmos DB request units summed).
 */
export function getStore(): Store {
  holder.handoffStore ??= telemetryOn ? measured(openStore()) : openStore();
  return holder.handoffStore;
}

/** Each method of the port, timed by lib/server/telemetry under its own name. */
function measured(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || key === "close") return value;
      return (...args: unknown[]) =>
        measureStoreCall(target.name, String(key), () => value.apply(target, args));
    },
  });
}

function openStore(): Store {
  const limits = { maxDocBytes: env.HANDOFF_MAX_DOC_BYTES };
  return env.COSMOS_ENDPOINT && env.COSMOS_KEY
    ? createCosmosStore({
        endpoint: env.COSMOS_ENDPOINT,
        key: env.COSMOS_KEY,
        database: env.COSMOS_DATABASE,
        container: containerName({
          container: env.COSMOS_CONTAINER,
          vercelEnv: env.VERCEL_ENV,
          branch: env.VERCEL_GIT_COMMIT_REF,
        }),
        limits,
        ...(env.COSMOS_ALLOW_SELF_SIGNED === "1"
          ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) }
          : {}),
      })
    : createSqliteStore({
        file: path.join(env.HANDOFF_DATA_DIR, "handoff.db"),
        limits,
        synchronous: env.HANDOFF_SQLITE_SYNCHRONOUS,
      });
}

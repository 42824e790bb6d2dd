import "server-only";
import { DEFAULT_STORE_LIMITS } from "../doc-size";
import type { Store, StoreLimits } from "../types";
import { sqliteAccounts } from "./accounts";
import { sqliteControl } from "./control";
import { sqliteCounters } from "./counters";
import { openDatabase } from "./database";
import { sqliteDocuments } from "./documents";

export interface SqliteStoreOptions {
  file: string;
  limits?: StoreLimits;
  /** FULL (default) survives power loss; NORMAL may lose the last commits, only for benchmarks. */
  synchronous?: "FULL" | "NORMAL";
  /** Milliseconds since the epoch; tests pass their own to step time instead of sleeping. */
  clock?: () => number;
}

/**
 * The embedded default: one SQLite file in WAL mode, so a fresh clone needs no service. One
 * module per concern: accounts, the control document, documents, counters.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const now = options.clock ?? Date.now;
  const db = openDatabase(options.file, options.synchronous);
  const accounts = sqliteAccounts(db);
  const control = sqliteControl(db, now);
  const documents = sqliteDocuments(db, {
    limits: options.limits ?? DEFAULT_STORE_LIMITS,
    clock: now,
    bump: control.bump,
  });
  // Documents and the account go; the control row stays, ending every session for good.
  const deleteUser = db.transaction((userId: string) => {
    documents.deleteAll(userId);
    accounts.deleteById(userId);
    control.end(userId, now());
  });

  return {
    name: "sqlite",
    ...accounts.port,
    ...control.port,
    ...documents.port,
    ...sqliteCounters(db, now),
    async deleteUser(userId) {
      deleteUser(userId);
    },
    async close() {
      db.close();
    },
  };
}

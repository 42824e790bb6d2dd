import "server-only";
import { DEFAULT_STORE_LIMITS } from "../doc-size";
import type { Store } from "../types";
import { cosmosAccounts } from "./accounts";
import { type CosmosStoreOptions, connect } from "./container";
import { cosmosControl } from "./control";
import { cosmosCounters } from "./counters";
import { cosmosDocuments } from "./documents";

export type { CosmosStoreOptions };

/**
 * Azure Cosmos DB, partition key `/userId`: every document of a user, and their control
 * document, in the user's partition. One module per concern: accounts, the control document,
 * documents, counters; `container.ts` holds what they share.
 */
export function createCosmosStore(options: CosmosStoreOptions): Store {
  const cosmos = connect(options);
  const accounts = cosmosAccounts(cosmos);
  const control = cosmosControl(cosmos);
  const documents = cosmosDocuments(cosmos, options.limits ?? DEFAULT_STORE_LIMITS);
  return {
    name: "cosmos",
    ...accounts.port,
    ...control.port,
    ...documents.port,
    ...cosmosCounters(cosmos),
    async deleteUser(userId, email) {
      // Sessions end first, so no device writes while the documents go; the control item
      // stays behind (a few bytes) so the old tokens stay refused and say why.
      await control.end(userId);
      await documents.deleteAll(userId);
      if (email) await accounts.remove(userId, email);
    },
    async close() {
      cosmos.dispose();
    },
  };
}

import type { CosmosClient } from "@azure/cosmos";

export function stalePreviews(
  client: CosmosClient,
  options: { database: string; container: string; keep: string[] },
): Promise<string[]>;
export function deletePreviews(
  client: CosmosClient,
  options: { database: string; names: string[] },
): Promise<void>;

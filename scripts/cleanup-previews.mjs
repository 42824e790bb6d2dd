// Deletes the Cosmos DB containers of Vercel previews whose branch is gone.
//
//   COSMOS_ENDPOINT=… COSMOS_KEY=… node scripts/cleanup-previews.mjs --keep main,feat/x [--delete]
//
// Without --delete it only lists what it would remove. Production's container is never touched:
// only names with the preview mark that no kept branch maps to are candidates.
import path from "node:path";
import { parseArgs } from "node:util";
import { CosmosClient } from "@azure/cosmos";
import { containerName, PREVIEW_MARK } from "../lib/server/store/container-name.mjs";

/** The preview containers of `container` in `database` that none of `keep` maps to. */
export async function stalePreviews(client, { database, container, keep }) {
  const kept = new Set(
    keep.map((branch) => containerName({ container, vercelEnv: "preview", branch })),
  );
  const { resources } = await client.database(database).containers.readAll().fetchAll();
  return resources
    .map(({ id }) => id)
    .filter((id) => id.startsWith(`${container}${PREVIEW_MARK}`) && !kept.has(id))
    .sort();
}

export async function deletePreviews(client, { database, names }) {
  for (const name of names) await client.database(database).container(name).delete();
}

async function main() {
  const { values } = parseArgs({
    options: { keep: { type: "string", default: "" }, delete: { type: "boolean", default: false } },
  });
  const { COSMOS_ENDPOINT: endpoint, COSMOS_KEY: key } = process.env;
  if (!endpoint || !key)
    throw new Error("Set COSMOS_ENDPOINT and COSMOS_KEY to the account to clean");
  const client = new CosmosClient({ endpoint, key });
  const options = {
    database: process.env.COSMOS_DATABASE || "handoff",
    container: process.env.COSMOS_CONTAINER || "items",
    keep: values.keep
      .split(",")
      .map((branch) => branch.trim())
      .filter(Boolean),
  };
  const stale = await stalePreviews(client, options);
  console.log(stale.length ? stale.map((name) => `  ${name}`).join("\n") : "No stale previews.");
  if (values.delete) {
    await deletePreviews(client, { database: options.database, names: stale });
    console.log(`Deleted ${stale.length} container(s).`);
  } else if (stale.length) {
    console.log("Run again with --delete to remove them.");
  }
  client.dispose();
}

if (path.basename(process.argv[1] ?? "") === "cleanup-previews.mjs") {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}

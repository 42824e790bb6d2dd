import { CosmosClient } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerName } from "../lib/server/store/container-name.mjs";
import { startTestCosmosServer } from "../lib/server/store/test-cosmos-server.mjs";
import { deletePreviews, stalePreviews } from "./cleanup-previews.mjs";

describe("cleaning up preview containers", () => {
  let server: Awaited<ReturnType<typeof startTestCosmosServer>>;
  let client: CosmosClient;
  beforeAll(async () => {
    server = await startTestCosmosServer();
    client = new CosmosClient({
      endpoint: server.endpoint,
      key: server.key,
      agent: server.agent,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
  });
  afterAll(async () => {
    client.dispose();
    await server.close();
  });

  it("removes previews of gone branches and nothing else", async () => {
    const { database } = await client.databases.createIfNotExists({ id: "handoff" });
    const preview = (branch: string) =>
      containerName({ container: "items", vercelEnv: "preview", branch });
    for (const id of ["items", "other", preview("main"), preview("feat/old"), preview("fix/gone")])
      await database.containers.createIfNotExists({ id, partitionKey: { paths: ["/userId"] } });

    const options = { database: "handoff", container: "items", keep: ["main"] };
    const stale = await stalePreviews(client, options);
    expect(stale).toEqual([preview("feat/old"), preview("fix/gone")].sort());
    await deletePreviews(client, { database: "handoff", names: stale });
    const { resources } = await database.containers.readAll().fetchAll();
    expect(resources.map((c) => c.id).sort()).toEqual(["items", "other", preview("main")].sort());
  });
});

import { Agent } from "node:https";
import type { AddressInfo } from "node:net";
import { createHttpsServer } from "@vercel/cosmosdb-server";

/**
 * Starts @vercel/cosmosdb-server (the Cosmos DB REST API in memory) on an ephemeral loopback
 * port, for tests only. Its bundled certificate is self-signed and expired, so the returned
 * agent trusts it for this client alone.
 */
export async function startTestCosmosServer(port = 0) {
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${boundPort}`,
    port: boundPort,
    key: Buffer.from("handoff-test-key").toString("base64"),
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Plain JavaScript so the benchmark (node bench/run.mjs) and the TypeScript tests share it.
import { Agent } from "node:https";
import { createHttpsServer } from "@vercel/cosmosdb-server";

/**
 * Starts @vercel/cosmosdb-server (the Cosmos DB REST API in memory) on an ephemeral loopback
 * port, for tests and the benchmark only. Its bundled certificate is self-signed and expired,
 * so the returned agent trusts it for this client alone.
 */
export async function startTestCosmosServer() {
  let requests = 0;
  const server = createHttpsServer({ keepAlive: true });
  server.on("request", () => {
    requests++;
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    endpoint: `https://127.0.0.1:${port}`,
    port,
    key: Buffer.from("handoff-test-key").toString("base64"),
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
    requestCount: () => requests,
    pause: close,
    // The server makes a fresh, empty account on every "listening" event; dropping that
    // listener keeps the old one, the way a real Cosmos DB keeps its data across an outage.
    resume: () => {
      server.removeAllListeners("listening");
      return new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
    close,
  };
}

import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { startTestCosmosServer } from "../lib/server/store/test-cosmos-server.mjs";
import { expect, test } from "./support/fixtures";
import { freePortSync, newDataDir, newSecret, TestServer } from "./support/server.mjs";
import { signedInCookie } from "./support/session-cookie.mjs";

interface DataPoint {
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
  asInt?: string | number;
  asDouble?: number;
  count?: string | number;
  sum?: number;
}
interface Metric {
  name: string;
  sum?: { dataPoints: DataPoint[] };
  gauge?: { dataPoints: DataPoint[] };
  histogram?: { dataPoints: DataPoint[] };
}

/** An OTLP/HTTP receiver on 127.0.0.1: every metric data point it was sent, by name. */
async function otlpReceiver() {
  const points = new Map<string, DataPoint[]>();
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      if (request.url === "/v1/metrics") {
        const parsed = JSON.parse(body) as {
          resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Metric[] }> }>;
        };
        for (const { scopeMetrics } of parsed.resourceMetrics)
          for (const { metrics } of scopeMetrics)
            for (const metric of metrics) {
              const data = metric.sum ?? metric.gauge ?? metric.histogram;
              points.set(metric.name, [
                ...(points.get(metric.name) ?? []),
                ...(data?.dataPoints ?? []),
              ]);
            }
      }
      response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, points, close: () => server.close() };
}

const attribute = (point: DataPoint, key: string) => {
  const value = point.attributes?.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.doubleValue;
};
const total = (point: DataPoint) => Number(point.asInt ?? point.asDouble ?? point.count ?? 0);

async function serverWithTelemetry(otlp: string, env: Record<string, string> = {}) {
  const server = new TestServer({
    port: freePortSync(),
    dataDir: newDataDir(),
    secret: newSecret(),
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_METRIC_EXPORT_INTERVAL: "300", ...env },
  });
  await server.start();
  return server;
}

/** A stream open, a draft saved (the stream is poked), a pulse: what every tab does. */
async function useTheApp(base: string) {
  const { cookie } = await signedInCookie(base);
  const live = await fetch(`${base}/api/live`, { headers: { Cookie: cookie } });
  expect(live.status).toBe(200);
  const reader = (live.body as ReadableStream<Uint8Array>).getReader();
  const saved = await fetch(`${base}/api/drafts`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ id: randomUUID(), title: "measured" }),
  });
  expect(saved.status).toBe(201);
  let events = "";
  while (!events.includes("event: poke")) {
    const { value, done } = await reader.read();
    if (done) break;
    events += new TextDecoder().decode(value);
  }
  expect(events).toContain("event: poke");
  expect((await fetch(`${base}/api/pulse`, { headers: { Cookie: cookie } })).status).toBe(200);
  return () => reader.cancel();
}

test("metrics go out over OTLP: requests by route and status, streams, pokes, the feed, the store", async () => {
  const otlp = await otlpReceiver();
  const server = await serverWithTelemetry(otlp.url);
  try {
    const close = await useTheApp(server.url);
    const operations = () =>
      new Set(
        (otlp.points.get("handoff.store.call.duration") ?? []).map((p) =>
          attribute(p, "db.operation"),
        ),
      );
    const routes = () =>
      (otlp.points.get("http.server.requests") ?? []).map(
        (p) =>
          `${attribute(p, "http.request.method")} ${attribute(p, "http.route")} ${attribute(p, "http.response.status_code")}`,
      );
    // Everything named is exported, sooner or later (every 300 ms here).
    await expect
      .poll(() =>
        [
          "http.server.requests",
          "http.server.request.duration",
          "handoff.live.streams",
          "handoff.live.pokes",
          "handoff.live.poke.delay",
          "handoff.live.feed.reads",
          "handoff.store.call.duration",
        ]
          .filter((name) => !otlp.points.has(name))
          .concat(["getControl", "createDoc", "changedSince"].filter((op) => !operations().has(op)))
          .concat(
            ["POST /api/drafts 201", "GET /api/pulse 200", "GET /api/live 200"].filter(
              (route) => !routes().includes(route),
            ),
          ),
      )
      .toEqual([]);
    expect(
      Math.max(...(otlp.points.get("handoff.live.streams") ?? []).map(total)),
    ).toBeGreaterThanOrEqual(1);
    expect(
      Math.max(...(otlp.points.get("handoff.live.pokes") ?? []).map(total)),
    ).toBeGreaterThanOrEqual(1);
    const calls = otlp.points.get("handoff.store.call.duration") ?? [];
    expect(calls.every((p) => attribute(p, "db.system") === "sqlite")).toBe(true);
    await close();
  } finally {
    await server.stop();
    otlp.close();
  }
});

test("on Cosmos DB every store call's request charge (RU) is exported", async () => {
  const otlp = await otlpReceiver();
  const cosmos = await startTestCosmosServer();
  const server = await serverWithTelemetry(otlp.url, {
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_ALLOW_SELF_SIGNED: "1",
  });
  try {
    const close = await useTheApp(server.url);
    await expect
      .poll(() =>
        (otlp.points.get("handoff.store.request_charge") ?? [])
          .filter((p) => attribute(p, "db.operation") === "getControl")
          .reduce((sum, p) => sum + Number(p.sum ?? 0), 0),
      )
      .toBeGreaterThan(0);
    await close();
  } finally {
    await server.stop();
    await cosmos.close();
    otlp.close();
  }
});

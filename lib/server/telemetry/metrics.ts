import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { type Attributes, metrics } from "@opentelemetry/api";
import { env } from "@/lib/server/env";

/** Telemetry is on only with an OTLP endpoint; off, the hot paths skip measuring altogether. */
export const telemetryOn = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT);

/**
 * Handoff's instruments. Through the OpenTelemetry API: until telemetry/start.ts registers a
 * meter provider (only when OTEL_EXPORTER_OTLP_ENDPOINT is set) every record is a no-op.
 * Instruments are made on first use, so a provider registered at start is the one they get.
 */
const meter = () => metrics.getMeter("handoff");

let instruments: ReturnType<typeof create> | undefined;
function create() {
  const m = meter();
  return {
    requests: m.createCounter("http.server.requests", {
      description: "API requests, by route, method and status",
    }),
    requestDuration: m.createHistogram("http.server.request.duration", {
      description: "Time to the response's headers, by route, method and status",
      unit: "ms",
    }),
    pokes: m.createCounter("handoff.live.pokes", { description: "Pokes sent to streams" }),
    pokeDelay: m.createHistogram("handoff.live.poke.delay", {
      description: "From the commit (the writer's clock) to the poke leaving this instance",
      unit: "ms",
    }),
    feedReads: m.createCounter("handoff.live.feed.reads", {
      description: "Queries of the store's feed (one per interval for all streams)",
    }),
    feedRows: m.createCounter("handoff.live.feed.rows", {
      description: "Control documents the feed read",
    }),
    storeDuration: m.createHistogram("handoff.store.call.duration", {
      description: "Store calls, by operation and adapter",
      unit: "ms",
    }),
    requestCharge: m.createHistogram("handoff.store.request_charge", {
      description: "Cosmos DB request units of each store call, by operation",
      unit: "RU",
    }),
  };
}
const get = () => {
  instruments ??= create();
  return instruments;
};

export function recordRequest(attributes: Attributes, ms: number) {
  get().requests.add(1, attributes);
  get().requestDuration.record(ms, attributes);
}

export const recordPoke = (delayMs: number) => {
  get().pokes.add(1);
  get().pokeDelay.record(Math.max(0, delayMs));
};

export const recordFeedRead = (rows: number) => {
  get().feedReads.add(1);
  get().feedRows.add(rows);
};

/** Open streams, read when the exporter collects (the hub's count). */
export function observeStreams(count: () => number) {
  meter()
    .createObservableGauge("handoff.live.streams", { description: "Open poke streams" })
    .addCallback((result) => result.observe(count()));
}

/** The request charge of the store call under way (Cosmos DB adds each response's to it). */
const charges = new AsyncLocalStorage<{ ru: number }>();

export const addRequestCharge = (ru: number) => {
  const current = charges.getStore();
  if (current && Number.isFinite(ru)) current.ru += ru;
};

/** Times one store call and, on Cosmos DB, sums its request units. */
export async function measureStoreCall<T>(
  store: string,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  const tally = { ru: 0 };
  const started = performance.now();
  try {
    return await charges.run(tally, call);
  } finally {
    const attributes = { "db.system": store, "db.operation": operation };
    get().storeDuration.record(performance.now() - started, attributes);
    if (store === "cosmos") get().requestCharge.record(tally.ru, attributes);
  }
}

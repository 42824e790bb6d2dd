import "server-only";
import { metrics } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { env } from "@/lib/server/env";

/**
 * Exports Handoff's metrics (lib/server/telemetry/metrics.ts) over OTLP/HTTP to
 * OTEL_EXPORTER_OTLP_ENDPOINT (the exporter reads it and OTEL_EXPORTER_OTLP_HEADERS itself),
 * every OTEL_METRIC_EXPORT_INTERVAL ms. Not called when no endpoint is set: nothing is
 * measured then.
 */
export function startTelemetry() {
  const provider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter(),
        exportIntervalMillis: env.OTEL_METRIC_EXPORT_INTERVAL,
        exportTimeoutMillis: Math.min(30_000, env.OTEL_METRIC_EXPORT_INTERVAL),
      }),
    ],
  });
  metrics.setGlobalMeterProvider(provider);
  const flush = () => void provider.shutdown().catch(() => {});
  process.once("SIGTERM", flush);
}

import "server-only";

/**
 * Loaded by instrumentation.ts at server start: a bad environment (no NEXTAUTH_SECRET in
 * production, SQLite on Vercel, half a Cosmos config) stops the process here with a message
 * that says what to set, instead of failing on the first request. Next only logs an error
 * thrown from instrumentation and keeps serving, hence the explicit exit.
 */
try {
  await import("./env");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const { installRequestGuard } = await import("./http/request-guard");
installRequestGuard();

const { telemetryOn } = await import("./telemetry/metrics");
if (telemetryOn) {
  const { startTelemetry } = await import("./telemetry/start");
  startTelemetry();
}

/**
 * Liveness for load balancers and the benchmark's baseline: no session, no store, just the
 * framework's own cost of answering a route handler.
 */
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}

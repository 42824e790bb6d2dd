import { json, route } from "@/lib/server/http/respond";
import { getStore } from "@/lib/server/store";

/**
 * Readiness, beside the liveness of /api/health: 200 when this instance can reach its store,
 * 503 (store_unavailable) when it cannot. A load balancer sends no users to an instance that
 * is up but could not serve them (npm run cluster checks it every second).
 */
export const GET = route(async () => {
  await getStore().getControl("readiness-probe");
  return json({ ready: true });
});

import "server-only";
import { getStore } from "@/lib/server/store";
import { PRESENCE_REPORT_MS } from "@/lib/shared/sync/presence";

/**
 * Records that a device of the user is in use, at most once per PRESENCE_REPORT_MS whatever
 * the clients send. Returns the activity time the caller should tell the device.
 */
export async function reportPresence(userId: string, knownActiveAt: number): Promise<number> {
  const now = Date.now();
  if (now - knownActiveAt < PRESENCE_REPORT_MS) return knownActiveAt;
  await getStore().touchPresence(userId, now);
  return now;
}

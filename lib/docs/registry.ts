import { draftTransport } from "@/lib/drafts/client";
import { mergeCart } from "@/lib/shop/cart";
import type { SyncTarget } from "@/lib/sync/replay-outbox";
import { mergePosition } from "@/lib/watch/position";
import { singletonTransport } from "./client";

type AnyTarget = SyncTarget;

/**
 * How to send a document found in the outbox, by its key (its URL): the transport and the
 * merge rule of its kind. The one place that knows every synced kind.
 */
export function syncTargetFor(key: string): AnyTarget | null {
  const draft = /^\/api\/drafts\/([^/]+)$/.exec(key);
  if (draft?.[1])
    return { transport: draftTransport(draft[1]) as unknown as AnyTarget["transport"] };
  if (key === "/api/cart") {
    return {
      transport: singletonTransport("/api/cart", "cart"),
      merge: mergeCart as unknown as AnyTarget["merge"],
    };
  }
  if (key === "/api/application") return { transport: singletonTransport(key, "application") };
  if (key.startsWith("/api/positions/")) {
    return {
      transport: singletonTransport(key, "position"),
      merge: mergePosition as unknown as AnyTarget["merge"],
    };
  }
  return null;
}

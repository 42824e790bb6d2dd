"use client";

import { useSyncExternalStore } from "react";
import { pageCopyAt } from "@/lib/browser/offline/page-cache";
import { useSyncClient } from "@/lib/browser/sync/context";

const subscribeOnline = (listener: () => void) => {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
};
const noop = () => () => {};

const clock = (at: number) => {
  const when = new Date(at);
  const time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return when.toDateString() === new Date().toDateString()
    ? time
    : `${when.toLocaleDateString([], { day: "numeric", month: "short" })}, ${time}`;
};

/**
 * Says when the page cannot reach the server: the browser is offline, the page was opened
 * from the copy the service worker kept, or it shows what this device last synced, and since
 * when. Gone as soon as the server answers again.
 */
export function OfflineNotice() {
  const client = useSyncClient();
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const { copySince, reached, waiting } = useSyncExternalStore(
    client.subscribeConnection,
    client.connection,
    client.connection,
  );
  const keptAt = useSyncExternalStore(noop, pageCopyAt, () => null);
  let headline: string | null = null;
  if (copySince !== null && waiting)
    headline = `Showing what this device last synced at ${clock(copySince)} while the server answers.`;
  else if (copySince !== null)
    headline = `Offline: showing what this device last synced at ${clock(copySince)}.`;
  else if (!online) headline = "You are offline.";
  else if (keptAt !== null && !reached)
    headline = `Offline: this page is as this device kept it at ${clock(keptAt)}.`;
  if (!headline) return null;
  return (
    // A live region, not role="status": that one is the save status of the page's editor.
    <p className="offline-notice" aria-live="polite">
      <strong>{headline}</strong> Your edits stay on this device and are sent when the connection
      returns.
    </p>
  );
}

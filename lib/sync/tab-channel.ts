import { mutate } from "swr";
import type { Versioned } from "./types";

/**
 * Tabs of one browser tell each other what they type and what the server returned, through
 * a BroadcastChannel per user, so another tab shows an edit at once instead of at its next
 * poll. Messages never leave the browser.
 */
export type TabMessage =
  | {
      type: "edit";
      key: string;
      base: Versioned<unknown>;
      local: unknown;
    }
  | { type: "saved"; key: string; stored: Versioned<unknown> }
  | { type: "response"; url: string; etag: string; body: unknown }
  /** A tab is about to sign out: the 401s that follow are not an expiry. */
  | { type: "signing-out" }
  /** The user left: signed out here, or the session expired (every tab then says so). */
  | { type: "signed-out"; expired: boolean };

type Listener = (message: TabMessage) => void;

let channel: BroadcastChannel | null = null;
const listeners = new Set<Listener>();
let onResponse: ((url: string, etag: string, body: unknown) => void) | null = null;

/** Opens the channel for the signed-in user; returns the function that closes it. */
export function openTabChannel(
  userId: string,
  remember: (url: string, etag: string, body: unknown) => void,
) {
  if (typeof BroadcastChannel === "undefined") return () => {};
  channel?.close();
  channel = new BroadcastChannel(`handoff:${userId}`);
  onResponse = remember;
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message.type === "response") {
      onResponse?.(message.url, message.etag, message.body);
      void mutate(message.url, message.body, { revalidate: false });
    }
    for (const listener of listeners) listener(message);
  };
  const opened = channel;
  return () => {
    opened.close();
    if (channel === opened) channel = null;
  };
}

export function postToTabs(message: TabMessage) {
  channel?.postMessage(message);
}

export function onTabMessage(listener: Listener) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * One tab per browser and user polls at the full rate: whichever holds the Web Lock. The
 * others poll slowly and get the leader's fresh answers through the channel.
 */
export function electPollLeader(userId: string, onLeader: () => void): () => void {
  if (typeof navigator === "undefined" || !navigator.locks) {
    onLeader();
    return () => {};
  }
  const abort = new AbortController();
  navigator.locks
    .request(`handoff:poll-leader:${userId}`, { signal: abort.signal }, () => {
      onLeader();
      return new Promise<void>((resolve) =>
        abort.signal.addEventListener("abort", () => resolve()),
      );
    })
    .catch(() => {}); // aborted while waiting: this tab closed
  return () => abort.abort();
}

import type { SessionEnd } from "@/lib/shared/auth/session-end";
import type { Versioned } from "@/lib/shared/sync/types";

/**
 * Tabs of one browser tell each other what they type and what the server (or, for a guest,
 * this browser's storage) returned, through one BroadcastChannel per client scope, so another
 * tab shows an edit at once instead of at its next pulse. Messages never leave the browser.
 */
export type TabMessage =
  | { type: "edit"; key: string; base: Versioned<unknown>; local: unknown }
  | { type: "saved"; key: string; stored: Versioned<unknown> }
  | { type: "response"; url: string; etag: string; body: unknown }
  /** The session is over: every tab forgets the user and says why. */
  | { type: "session-ended"; reason: SessionEnd };

type Listener = (message: TabMessage) => void;

/** The part of BroadcastChannel the tabs use (tests pass their own, or none). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export type OpenChannel = (name: string) => ChannelLike | null;

export const browserChannel: OpenChannel = (name) =>
  typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(name);

export class TabChannel {
  private channel: ChannelLike | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly name: string,
    private readonly open: OpenChannel,
  ) {}

  /** Joins the other tabs; returns the function that leaves. */
  join(): () => void {
    const channel = this.open(this.name);
    if (!channel) return () => {};
    this.channel = channel;
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      for (const listener of this.listeners) listener(event.data);
    };
    return () => {
      channel.close();
      if (this.channel === channel) this.channel = null;
    };
  }

  post(message: TabMessage) {
    this.channel?.postMessage(message);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

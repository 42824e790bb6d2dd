import "server-only";
import type { SignedInUser } from "@/lib/server/auth/session";
import type { SessionEnd } from "@/lib/shared/auth/session-end";
import { LIVE_HEARTBEAT_MS, LIVE_RETRY_MS } from "@/lib/shared/sync/live";
import type { LiveHub } from "./hub";

const encoder = new TextEncoder();

/** One Server-Sent Event; `id` is the marker, so a reconnect says what it was last told. */
const event = (name: string, data: unknown, id?: number) =>
  encoder.encode(
    `${id === undefined ? "" : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`,
  );

export interface LiveStreamOptions {
  hub: LiveHub;
  /** The stream ends itself after this long; the page reconnects. */
  maxMs: number;
  /** Ends when the client goes away. */
  signal: AbortSignal;
}

/**
 * A poke stream for one signed-in page: `marker` at once (the page compares it with what it
 * has), `poke` whenever the user's marker moves, `end` with the reason when the session ends
 * (or its token expires), a comment every LIVE_HEARTBEAT_MS so proxies keep it open. No data of
 * the user ever goes down it: a poke carries the marker and nothing else. Throws (429) past
 * the hub's caps, before any byte is sent.
 */
export function openLiveStream(user: SignedInUser, options: LiveStreamOptions): Response {
  const { hub, signal } = options;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const send = (bytes: Uint8Array) => {
    if (!closed) controller.enqueue(bytes);
  };
  const close = () => {
    if (closed) return;
    closed = true;
    remove();
    clearInterval(heartbeat);
    clearTimeout(deadline);
    signal.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // the client already went away
    }
  };
  const end = (reason: SessionEnd) => {
    send(event("end", { reason }));
    close();
  };
  const remove = hub.add({
    userId: user.id,
    session: user.session,
    marker: user.control.marker,
    poke: (marker) => send(event("poke", { marker }, marker)),
    end,
    close: () => close(),
  });

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      const { marker } = user.control;
      controller.enqueue(encoder.encode(`retry: ${LIVE_RETRY_MS}\n`));
      controller.enqueue(event("marker", { marker }, marker));
      heartbeat = setInterval(() => send(encoder.encode(": keep-alive\n\n")), LIVE_HEARTBEAT_MS);
      const untilExpiry = user.session.expiresAt - Date.now();
      deadline =
        untilExpiry <= options.maxMs
          ? setTimeout(() => end("expired"), Math.max(0, untilExpiry))
          : setTimeout(close, options.maxMs);
      if (signal.aborted) close();
      else signal.addEventListener("abort", close);
    },
    cancel: close,
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "private, no-cache, no-transform",
      Connection: "keep-alive",
      // nginx: pass each event on as it comes.
      "X-Accel-Buffering": "no",
    },
  });
}

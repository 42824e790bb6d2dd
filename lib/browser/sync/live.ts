import { isSessionEnd, type SessionEnd } from "@/lib/shared/auth/session-end";
import { LIVE_URL } from "@/lib/shared/sync/live";

export interface LiveHandlers {
  /** The stream is open; `marker` is the user's marker now. */
  opened(marker: number): void;
  /** The user's marker moved: pull what the page shows. */
  poked(marker: number): void;
  /** The stream broke (network, instance gone, proxy): poll until it is back. */
  broken(): void;
  /** The session ended, for this reason. The stream is closed for good. */
  ended(reason: SessionEnd): void;
}

/** The browser's EventSource; tests pass a fake. */
export type OpenEventSource = (url: string) => EventSource;

/** After the browser gives up on a stream (a 4xx/5xx answer), it is tried again this late. */
export const LIVE_REOPEN_MS = 5_000;
export const LIVE_REOPEN_MAX_MS = 5 * 60_000;

const CLOSED = 2;

const markerOf = (event: Event) => {
  const data = JSON.parse((event as MessageEvent<string>).data) as { marker?: unknown };
  return typeof data.marker === "number" ? data.marker : null;
};

/**
 * The poke stream (Server-Sent Events over the browser's EventSource, which reconnects by
 * itself after a network error). When the server answers a (re)connect with an error the
 * browser stops; this tries again after 5 s, doubling to 5 min, so a stream refused for long
 * (429 at the cap, a proxy's 502) costs a request every few minutes. Returns the function that
 * closes it.
 */
export function connectLive(
  handlers: LiveHandlers,
  open: OpenEventSource = (url) => new EventSource(url),
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let reopenMs = LIVE_REOPEN_MS;
  let closed = false;

  const connect = () => {
    const current = open(LIVE_URL);
    source = current;
    current.addEventListener("marker", (event) => {
      reopenMs = LIVE_REOPEN_MS;
      const marker = markerOf(event);
      if (marker !== null) handlers.opened(marker);
    });
    current.addEventListener("poke", (event) => {
      const marker = markerOf(event);
      if (marker !== null) handlers.poked(marker);
    });
    current.addEventListener("end", (event) => {
      const { reason } = JSON.parse((event as MessageEvent<string>).data) as { reason?: unknown };
      stop();
      handlers.ended(isSessionEnd(reason) ? reason : "expired");
    });
    current.onerror = () => {
      if (closed) return;
      handlers.broken();
      if (current.readyState === CLOSED) {
        retry = setTimeout(connect, reopenMs);
        reopenMs = Math.min(reopenMs * 2, LIVE_REOPEN_MAX_MS);
      }
    };
  };

  const stop = () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
  connect();
  return stop;
}

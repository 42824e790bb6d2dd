import "server-only";
import { type SessionRef, sessionEnd } from "@/lib/server/auth/session-control";
import type { ControlChange } from "@/lib/server/store/types";
import type { SessionEnd } from "@/lib/shared/auth/session-end";
import { AppError } from "@/lib/shared/errors";

/** One open stream: whose, which session, the marker it last told, and how to reach it. */
export interface LiveStream {
  userId: string;
  session: Pick<SessionRef, "sid" | "startedAt">;
  marker: number;
  poke(marker: number): void;
  end(reason: Exclude<SessionEnd, "expired">): void;
  /** Closes the stream without a word; the page reconnects (to another instance). */
  close(): void;
}

export interface LiveHubOptions {
  /** The store's feed: every user's control changed after `since`, oldest first. */
  changedSince: (since: number, limit: number) => Promise<ControlChange[]>;
  intervalMs: number;
  maxStreams: number;
  maxStreamsPerUser: number;
  /**
   * Writers' clocks differ (instances, Cosmos DB clients) and a change is stamped before it
   * commits: every `overlapEvery`-th look reaches this far behind the newest change already
   * seen (the others start at it, so a row is not read ten times over), and the markers each
   * stream holds drop what it already told.
   */
  overlapMs?: number;
  overlapEvery?: number;
  /** Rows read per look; a full page is followed at once by the next. */
  pageSize?: number;
  clock?: () => number;
  /** Told of every look, poke and failure (telemetry, the bench). */
  observe?: LiveObserver;
}

export interface LiveObserver {
  feedRead?(rows: number, ms: number): void;
  poked?(delayMs: number): void;
  feedFailed?(error: unknown): void;
}

/**
 * The streams of one instance and the one feed that serves them all: every `intervalMs`, while
 * any stream is open, one store query for the control documents changed since the last look,
 * and a poke to each stream of those users whose marker moved (or the end of the stream, when
 * its session ended). No per-stream reads; the hub keeps only connections, never user data.
 */
export class LiveHub {
  private readonly byUser = new Map<string, Set<LiveStream>>();
  private count = 0;
  private cursor: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private looking = false;
  private looks = 0;
  private readonly clock: () => number;
  private readonly overlapMs: number;
  private readonly overlapEvery: number;
  private readonly pageSize: number;

  constructor(private readonly options: LiveHubOptions) {
    this.clock = options.clock ?? Date.now;
    this.overlapMs = options.overlapMs ?? 2000;
    this.overlapEvery = options.overlapEvery ?? 10;
    this.pageSize = options.pageSize ?? 1000;
    this.cursor = this.clock();
  }

  get size() {
    return this.count;
  }

  /** Registers a stream, or refuses it (429) past the caps. Returns the function that removes it. */
  add(stream: LiveStream): () => void {
    const mine = this.byUser.get(stream.userId) ?? new Set<LiveStream>();
    if (mine.size >= this.options.maxStreamsPerUser)
      throw new AppError("too_many_requests", "Too many live streams for this account", {}, 30);
    if (this.count >= this.options.maxStreams)
      throw new AppError("too_many_requests", "This server holds all the streams it can", {}, 30);
    mine.add(stream);
    this.byUser.set(stream.userId, mine);
    this.count++;
    if (!this.timer) {
      // Changes made while nobody listened are not owed to anyone: each stream starts by
      // telling its marker, and the page compares it with what it has.
      this.cursor = this.clock();
      this.timer = setInterval(() => void this.look(), this.options.intervalMs);
      this.timer.unref?.();
    }
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      mine.delete(stream);
      if (mine.size === 0 && this.byUser.get(stream.userId) === mine)
        this.byUser.delete(stream.userId);
      this.count--;
      if (this.count === 0) this.stop();
    };
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Closes every stream, for a graceful shutdown: a server stops only once its open requests
   * end, and a stream would hold it for minutes. The pages reconnect to another instance.
   */
  closeAll() {
    for (const streams of [...this.byUser.values()])
      for (const stream of [...streams]) stream.close();
    this.stop();
  }

  /** One read of the feed (more when a page comes back full); exposed for tests. */
  async look(): Promise<void> {
    if (this.looking) return;
    this.looking = true;
    try {
      const reachBack = this.looks++ % this.overlapEvery === 0;
      let since = reachBack ? this.cursor - this.overlapMs : this.cursor;
      for (;;) {
        const started = this.clock();
        const rows = await this.options.changedSince(since, this.pageSize);
        this.options.observe?.feedRead?.(rows.length, this.clock() - started);
        for (const row of rows) this.tell(row);
        const last = rows.at(-1);
        if (last) this.cursor = Math.max(this.cursor, last.changedAt);
        if (rows.length < this.pageSize || !last) break;
        since = last.changedAt;
      }
    } catch (error) {
      this.options.observe?.feedFailed?.(error);
    } finally {
      this.looking = false;
    }
  }

  /**
   * A commit made by this instance: its streams of that user are poked now rather than at the
   * next look (which then finds them told). Session ends still come only through the feed.
   */
  committed(userId: string, marker: number) {
    const streams = this.byUser.get(userId);
    if (!streams) return;
    for (const stream of [...streams]) {
      if (marker <= stream.marker) continue;
      stream.marker = marker;
      stream.poke(marker);
      this.options.observe?.poked?.(0);
    }
  }

  private tell(row: ControlChange) {
    const streams = this.byUser.get(row.userId);
    if (!streams) return;
    for (const stream of [...streams]) {
      const ended = sessionEnd(stream.session, row);
      if (ended) {
        stream.end(ended);
      } else if (row.marker > stream.marker) {
        stream.marker = row.marker;
        stream.poke(row.marker);
        this.options.observe?.poked?.(this.clock() - row.changedAt);
      }
    }
  }
}

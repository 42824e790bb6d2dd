import type { Cache, ScopedMutator } from "swr";
import { initCache } from "swr/_internal";
import { expiringStorage } from "@/lib/browser/device/expiring-storage";
import {
  clearHandoffStorage,
  type DeviceStorage,
  deleteHandoffDatabases,
} from "@/lib/browser/device/storage";
import {
  ApiClientError,
  type ApiRequest,
  type ApiResponse,
  createHttp,
  type Http,
} from "@/lib/browser/http/client";
import { type AnswerCopy, indexedAnswerCopy } from "@/lib/browser/offline/answer-copy";
import { forgetPages, recordSessionEnd } from "@/lib/browser/offline/page-cache";
import { GUEST_KEY, GUEST_OUTBOX_KEY, GuestStore } from "@/lib/browser/sync/guest-store";
import { createLocalApi } from "@/lib/browser/sync/local-api";
import {
  isSessionEnd,
  SESSION_HINT_HEADER,
  type SessionEnd,
  signInAfter,
} from "@/lib/shared/auth/session-end";
import type { TrashEntry } from "@/lib/shared/drafts/trash";
import { GUEST_TTL_MS } from "@/lib/shared/guest/limits";
import {
  type DocKind,
  docKey,
  type SyncedKind,
  storedKindOf,
  tagOrder,
  versionTag,
} from "@/lib/shared/sync/kind";
import { OWN_KINDS_HEADER, OWN_MARKERS_HEADER } from "@/lib/shared/sync/live";
import { SAVE_INTENT_HEADER, type Versioned } from "@/lib/shared/sync/types";
import { browserLocks, holdLock, holdWhenFree, type Locks, withFreeLock } from "./doc-locks";
import { DocSync, type DocTransport } from "./doc-sync";
import type { OpenEventSource } from "./live";
import { OutboxStore } from "./outbox";
import { PULSE_URL, type Pulse, startPulse, watchStorage } from "./pulse";
import { browserChannel, type OpenChannel, TabChannel, type TabMessage } from "./tab-channel";

/** How a page's answers stand with the server. */
export interface Reach {
  /** While answers from the device's copy are on show: when the oldest was fetched. */
  copySince: number | null;
  /** Whether the server has answered this page yet. */
  reached: boolean;
  /** The copy is on show because the server is slow to answer, not because it cannot. */
  waiting: boolean;
}

/** Whose data a client syncs: a signed-in user's (the API) or a guest's (this browser). */
export type SyncScope =
  | {
      kind: "user";
      userId: string;
      /** Signed by the server: which session this page belongs to (SESSION_HINT_HEADER). */
      sessionHint: string;
      /**
       * When the session ends by this device's clock (ms), if the page knows: the tabs then
       * forget the user even with no server to tell them (offline).
       */
      endsAt?: number;
    }
  | { kind: "guest" };

export interface SyncClientOptions {
  scope: SyncScope;
  /** The synced kinds (lib/shared/kinds): what the outbox replays and a guest's API serves. */
  kinds: readonly SyncedKind[];
  /** Lists of one store kind each (watchedKindOf): fetched again only when it changed. */
  watched?: (url: string) => DocKind | null;
  storage: DeviceStorage;
  /** The API; by default the network for a user, this browser's storage for a guest. */
  http?: Http;
  /** The network under a user's API (tests route it to the route handlers in process). */
  fetch?: typeof fetch;
  /** Tabs of this browser (BroadcastChannel); `() => null` for none. */
  channel?: OpenChannel;
  locks?: Locks;
  /** Where the page goes when the session ends or the user signs out. */
  navigate?: (url: string) => void;
  /**
   * Opens the poke stream of a signed-in client (the browser's EventSource by default); null
   * when the server has live updates off, or in tests: the pulse alone then keeps it fresh.
   */
  live?: OpenEventSource | null;
  /**
   * Where a signed-in device keeps the last answers for offline use (IndexedDB by default;
   * none under "Keep nothing on this device", for a guest, or null).
   */
  copy?: AnswerCopy | null;
}

/** Answers never kept on the device: the shipping details stay on the server (sealed for guests). */
const NOT_COPIED: readonly string[] = Object.freeze(["/api/shipping"]);

const CREATE_RETRY_DELAYS_MS = [500, 1500] as const;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a page waits for the server's first answers before it shows its copy. */
const SLOW_START_MS = 400;
/** How long a poke waits for this page's saves under way before it is weighed anyway. */
const WRITE_WAIT_MS = 3000;

/**
 * Everything one page needs to keep a user's documents in step, in one object made once per
 * shell (signed in or guest) and handed down by React context (lib/browser/sync/context.ts):
 * the API (network or, for a guest, Web Storage), the last answers and their ETags, SWR's
 * cache, the tab channel, the outbox and its replay, the live editors, the pulse, and the end
 * of the session. Nothing lives in module globals, so two clients never share anything.
 */
export class SyncClient {
  readonly scope: SyncScope;
  readonly kinds: readonly SyncedKind[];
  private readonly watched: (url: string) => DocKind | null;
  readonly storage: DeviceStorage;
  readonly http: Http;
  readonly tabs: TabChannel;
  readonly outbox: OutboxStore;
  /** A guest's data in this browser; null for a signed-in user. */
  readonly guest: GuestStore | null;
  readonly swr: { cache: Cache; mutate: ScopedMutator };
  private readonly locks: Locks;
  private readonly navigate: (url: string) => void;
  private readonly openStream: OpenEventSource | null;
  private readonly swrEvents: { start?: () => void; stop?: () => void };
  /** The last body and ETag per URL: a 304 hands SWR the same object, so nothing re-renders. */
  private readonly lastSeen = new Map<string, { etag: string; body: unknown }>();
  /** URLs this page is fetching now, and how many times over. */
  private readonly fetching = new Map<string, number>();
  /** Orders this page's fetches and changes of what it shows (see `showKnown`). */
  private tick = 0;
  /** When (by `tick`) the page last put a newer state of each URL on show than any fetch had. */
  private readonly knownAt = new Map<string, number>();
  /** What every editor open in this page holds, so signing out can send it first. */
  private readonly live = new Set<() => Promise<void>>();
  /** The outbox owners of this page's live editors (see OutboxEntry.owner). */
  private readonly liveOwners = new Set<string>();
  /** Each editor's outbox owner. */
  private readonly owners = new WeakMap<object, string>();
  /** While started, for a signed-in user. */
  private pulse: Pulse | null = null;
  /** Saves, creates and deletes under way: a poke waits for their answers (see `write`). */
  private readonly writing = new Set<Promise<unknown>>();
  private replaying: Promise<void> | null = null;
  private replayer = false;
  private ended = false;
  /** Sent with every request of a signed-in client (see SESSION_HINT_HEADER). */
  private sessionHint = "";
  /** Our own sign-out, under way: a 401 meanwhile waits for it (it clears the cookie). */
  private leaving: Promise<unknown> | null = null;
  private readonly copy: AnswerCopy | null;
  /** How the page's answers stand with the server (see `connection`). */
  private reach: Reach = { copySince: null, reached: false, waiting: false };
  private readonly reachListeners = new Set<() => void>();
  /** Cancels the end of the session at its expiry (see `endSessionAt`). */
  private stopExpiry: (() => void) | null = null;
  /** URLs shown from the copy while the server is slow to answer, and when each was copied. */
  private readonly waitingOn = new Map<string, number>();
  /** What was last copied of each URL (see `copyShown`). */
  private readonly copied = new Map<string, { etag: string; body: unknown }>();

  constructor(options: SyncClientOptions) {
    this.scope = options.scope;
    this.kinds = options.kinds;
    this.watched = options.watched ?? (() => null);
    this.storage = options.storage;
    this.locks = options.locks === undefined ? browserLocks() : options.locks;
    this.navigate = options.navigate ?? ((url) => window.location.assign(url));
    this.openStream =
      options.live === undefined
        ? typeof EventSource === "undefined"
          ? null
          : (url) => new EventSource(url)
        : options.live;
    this.tabs = new TabChannel(`handoff:${this.id}`, options.channel ?? browserChannel);
    const { local } = this.storage;
    if (this.scope.kind === "guest") {
      this.guest = new GuestStore(() => local, this.locks);
      this.outbox = new OutboxStore(
        expiringStorage(() => local, GUEST_TTL_MS),
        GUEST_OUTBOX_KEY,
      );
      this.http = options.http ?? createLocalApi(this.guest, this.kinds);
    } else {
      this.sessionHint = this.scope.sessionHint;
      this.guest = null;
      this.outbox = new OutboxStore(local, `handoff:outbox:${this.scope.userId}`);
      this.http =
        options.http ??
        createHttp({
          fetch: options.fetch,
          headers: () => ({ [SESSION_HINT_HEADER]: this.sessionHint }),
          onUnauthorized: (body) =>
            this.endSession(isSessionEnd(body.reason) ? body.reason : "expired"),
        });
    }
    this.copy =
      options.copy !== undefined
        ? options.copy
        : this.scope.kind === "user" && !this.storage.keepsNothing
          ? indexedAnswerCopy(this.scope.userId)
          : null;
    // A cache of SWR's own for this client (SWRConfig's `provider` hands it to the hooks); what
    // it holds of the API is copied for offline use, whether fetched or changed here.
    const [cache, mutate, start, stop] =
      initCache(new CopyingMap((key, data) => this.copyShown(key, data))) ?? [];
    this.swr = { cache: cache as Cache, mutate: mutate as ScopedMutator };
    this.swrEvents = { start, stop };
  }

  /** Names this client's channel, locks and outbox: the user's id, or "guest". */
  get id() {
    return this.scope.kind === "user" ? this.scope.userId : "guest";
  }

  /**
   * Joins the other tabs, takes the outbox replay when no other tab has it (now, and on every
   * reconnect), and starts the pulse. Returns the function that stops it all.
   */
  start(): () => void {
    this.swrEvents.start?.();
    const leaveTabs = this.joinTabs();
    const resign = holdWhenFree(this.locks, `handoff:outbox-replayer:${this.id}`, () => {
      this.replayer = true;
      void this.replayOutbox();
    });
    const onOnline = () => {
      if (this.replayer) void this.replayOutbox();
    };
    window.addEventListener("online", onOnline);
    const pulse =
      this.scope.kind === "user"
        ? startPulse(this.http, this.revalidateShown, {
            live: this.openStream,
            onEnded: (reason) => this.endSession(reason),
            // A write that never answers must not hold the pokes back: at most a few seconds.
            writesSettled: () =>
              Promise.race([
                Promise.allSettled([...this.writing]),
                new Promise((resolve) => setTimeout(resolve, WRITE_WAIT_MS)),
              ]),
          })
        : null;
    this.pulse = pulse;
    const stopWatching = pulse ? null : watchStorage(GUEST_KEY, () => this.revalidateShown(null));
    if (this.scope.kind === "user" && this.scope.endsAt)
      this.stopExpiry = this.endSessionAt(this.scope.endsAt);
    const slowStart = this.copy
      ? setTimeout(() => void this.showCopyWhileWaiting(), SLOW_START_MS)
      : undefined;
    return () => {
      clearTimeout(slowStart);
      this.stopExpiry?.();
      this.stopExpiry = null;
      pulse?.stop();
      stopWatching?.();
      this.pulse = null;
      window.removeEventListener("online", onOnline);
      resign();
      this.replayer = false;
      leaveTabs();
      this.swrEvents.stop?.();
    };
  }

  /** Hears this browser's other tabs: their fresh answers, and the end of the session. */
  joinTabs(): () => void {
    const leave = this.tabs.join();
    const unlisten = this.tabs.listen((message: TabMessage) => {
      if (message.type === "response") this.takeTabAnswer(message.url, message.etag, message.body);
      if (message.type === "session-ended") this.endSession(message.reason, { tell: false });
    });
    return () => {
      unlisten();
      leave();
    };
  }

  /**
   * Shows another tab's fresh answer without asking the server. It may be older than what
   * this page has (the tabs' requests cross), so an older one is dropped; and as SWR drops a
   * fetch under way when the data is set meanwhile, that fetch is made again.
   */
  private takeTabAnswer(url: string, etag: string, body: unknown) {
    const known = this.lastSeen.get(url);
    const order = tagOrder(etag);
    const knownOrder = known ? tagOrder(known.etag) : null;
    if (order === null || (knownOrder !== null && order <= knownOrder)) return;
    this.lastSeen.set(url, { etag, body });
    this.showKnown(url, body, { revalidate: this.fetching.has(url) });
  }

  /**
   * Shows a state of `url` newer than any fetch under way can answer (a save's answer, a draft
   * made offline, another tab's fresh answer). SWR drops a stale fetch's data itself, but
   * not its error: the fetcher drops that (see `fetcher`).
   */
  private showKnown(url: string, body: unknown, { revalidate }: { revalidate: boolean }) {
    this.knownAt.set(url, ++this.tick);
    void this.swr.mutate(url, body, { revalidate });
  }

  // --- Reading -------------------------------------------------------------------------------

  /**
   * SWR's fetcher: a conditional GET (If-None-Match); a 304 returns the very same object. When
   * the server cannot be reached, a signed-in device shows what it last fetched (the copy).
   */
  readonly fetcher = async <T>(url: string): Promise<T> => {
    const cached = this.lastSeen.get(url);
    const asked = ++this.tick;
    let response: ApiResponse<T>;
    this.fetching.set(url, (this.fetching.get(url) ?? 0) + 1);
    try {
      response = await this.http<T>(
        url,
        cached ? { headers: { "If-None-Match": cached.etag } } : {},
      ).finally(() => {
        const left = (this.fetching.get(url) ?? 1) - 1;
        if (left > 0) this.fetching.set(url, left);
        else this.fetching.delete(url);
        // Answered, one way or another: this URL no longer waits on the copy's behalf.
        this.waitingOn.delete(url);
      });
    } catch (error) {
      // Sent before the page knew better: a 404 then may only mean the draft made offline had
      // not reached the server yet. The page's state stands (SWR drops this answer as stale).
      const shown = this.swr.cache.get(url)?.data;
      if ((this.knownAt.get(url) ?? 0) > asked && shown !== undefined) return shown as T;
      const copied = isNetworkError(error) ? await this.copy?.get(url) : undefined;
      if (!copied) {
        if (this.reach.waiting)
          this.noteReach({ ...this.stillWaiting(), reached: this.reach.reached });
        throw error;
      }
      if (copied.etag) this.lastSeen.set(url, { etag: copied.etag, body: copied.body });
      this.noteReach({
        copySince: Math.min(copied.at, this.reach.copySince ?? copied.at),
        reached: this.reach.reached,
        waiting: false,
      });
      return copied.body as T;
    }
    // A guest's answers come from this browser: they say nothing of the server.
    if (this.scope.kind === "user") this.noteReach({ ...this.stillWaiting(), reached: true });
    if (response.status === 304 && cached) {
      this.copyShown(url, cached.body, { confirmed: true }); // "last synced" moves on
      return cached.body as T;
    }
    if (response.body === undefined) throw new Error(`Empty answer from ${url}`);
    if (response.etag) {
      // A late answer to an earlier fetch must not put back an older ETag than the one known.
      const known = this.lastSeen.get(url);
      const [order, knownOrder] = [tagOrder(response.etag), known && tagOrder(known.etag)];
      if (order === null || knownOrder == null || order >= knownOrder)
        this.lastSeen.set(url, { etag: response.etag, body: response.body });
      this.tabs.post({ type: "response", url, etag: response.etag, body: response.body });
    }
    return response.body;
  };

  /** What the notice says of the URLs still shown from the copy while the server is slow. */
  private stillWaiting(): Pick<Reach, "copySince" | "waiting"> {
    const waiting = this.waitingOn.size > 0;
    return { copySince: waiting ? Math.min(...this.waitingOn.values()) : null, waiting };
  }

  /** How the page's answers stand with the server, for useSyncExternalStore. */
  readonly connection = (): Reach => this.reach;
  readonly subscribeConnection = (listener: () => void) => {
    this.reachListeners.add(listener);
    return () => this.reachListeners.delete(listener);
  };

  private noteReach(reach: Reach) {
    const { copySince, reached, waiting } = this.reach;
    if (reach.copySince === copySince && reach.reached === reached && reach.waiting === waiting)
      return;
    this.reach = reach;
    for (const listener of this.reachListeners) listener();
  }

  /**
   * A slow start (a weak network, a server busy deploying): what the page asked for and has
   * not got after SLOW_START_MS is shown from the copy meanwhile, marked as such. SWR drops a
   * fetch under way when its data is set, so that fetch is made again (a 304 when the copy
   * is current). A quick answer (the usual case) costs nothing here.
   */
  private async showCopyWhileWaiting() {
    const copy = this.copy;
    if (!copy) return;
    for (const url of [...this.fetching.keys()]) {
      if (NOT_COPIED.includes(url) || this.swr.cache.get(url)?.data !== undefined) continue;
      const copied = await copy.get(url);
      if (!copied || !this.fetching.has(url) || this.swr.cache.get(url)?.data !== undefined)
        continue;
      if (copied.etag && !this.lastSeen.has(url))
        this.lastSeen.set(url, { etag: copied.etag, body: copied.body });
      // Shown from the copy, not fetched: "last synced" must not move on for it.
      const seen = this.lastSeen.get(url);
      const etag = seen && seen.body === copied.body ? seen.etag : "";
      this.copied.set(url, { etag, body: copied.body });
      this.waitingOn.set(url, copied.at);
      void this.swr.mutate(url, copied.body, { revalidate: true });
    }
    // Offline already says more (the page's own fetches failed): leave that on show.
    if (this.waitingOn.size > 0 && (this.reach.copySince === null || this.reach.waiting))
      this.noteReach({
        copySince: Math.min(...this.waitingOn.values()),
        reached: this.reach.reached,
        waiting: true,
      });
  }

  /**
   * Copies what the page shows of `url` for offline use, with its ETag when it is the body
   * the server sent (a list changed here has none: the next fetch asks without one).
   */
  private copyShown(url: string, body: unknown, { confirmed = false } = {}) {
    if (!this.copy || !url.startsWith("/api/") || url === PULSE_URL || NOT_COPIED.includes(url))
      return;
    // SWR writes a key's state for every flag it flips: copy only what is new.
    const seen = this.lastSeen.get(url);
    const etag = seen && seen.body === body ? seen.etag : "";
    const last = this.copied.get(url);
    if (!confirmed && last && last.body === body && last.etag === etag) return;
    this.copied.set(url, { etag, body });
    void this.copy.put(url, { etag, body, at: Date.now() });
  }

  /**
   * What the page shows of these kinds (the store's names; null: of every kind) is fetched
   * again, as are URLs of no synced kind; what did not change answers 304.
   */
  readonly revalidateShown = (kinds: readonly string[] | null) => {
    void this.swr.mutate((key) => {
      if (typeof key !== "string" || !key.startsWith("/api/") || key === PULSE_URL) return false;
      const stored = kinds && (storedKindOf(this.kinds, key) ?? this.watched(key));
      return !stored || (kinds?.includes(stored) ?? true);
    });
  };

  /**
   * A write whose answer names the markers it made (OWN_MARKERS_HEADER): their pokes need no
   * refetch here, as the caller puts the answer on the page.
   */
  async write<T>(url: string, init: ApiRequest) {
    const answer = this.http<T>(url, init);
    this.writing.add(answer);
    try {
      const response = await answer;
      const markers = (response.headers.get(OWN_MARKERS_HEADER) ?? "").split(",").map(Number);
      this.pulse?.ownCommits(markers.filter((m) => Number.isSafeInteger(m) && m > 0));
      const kinds = (response.headers.get(OWN_KINDS_HEADER) ?? "").split(",");
      void this.swr.mutate((key) => {
        const watched = typeof key === "string" ? this.watched(key) : null;
        return watched !== null && kinds.includes(watched);
      });
      return response;
    } finally {
      this.writing.delete(answer);
    }
  }

  /** After a write the client knows the new state: the cache and the page show it at once. */
  remember(url: string, etag: string | null, body: unknown) {
    if (etag) {
      this.lastSeen.set(url, { etag, body });
    } else {
      this.lastSeen.delete(url);
      void this.copy?.remove(url);
    }
    this.showKnown(url, body, { revalidate: false });
  }

  // --- Documents -----------------------------------------------------------------------------

  /** An engine for one document, starting from the version the page was shown. */
  openDoc<T extends Record<string, unknown>, View>(
    kind: SyncedKind<T, View>,
    id: string,
    initial: Versioned<T>,
  ): DocSync<T> {
    const key = docKey(kind, id);
    const owner = crypto.randomUUID();
    const sync = new DocSync({
      initial,
      transport: this.transport(kind, id),
      outbox: this.outbox.slot(kind, id, owner),
      merge: kind.merge?.bind(kind),
      debounceMs: kind.debounceMs,
      peers: {
        edited: (base, local) => this.tabs.post({ type: "edit", key, base, local }),
        saved: (stored) => this.tabs.post({ type: "saved", key, stored }),
      },
    });
    this.owners.set(sync, owner);
    return sync;
  }

  /**
   * While an editor shows `sync`: it holds its owner lock (the replay leaves its edits alone),
   * adopts this browser's other tabs' edits (checked against the kind's schema, in the
   * order they came), saves when the tab is hidden or closed, and retries when the connection
   * returns. Returns the function that closes it, saving what is typed first.
   */
  attachDoc<T extends Record<string, unknown>, View>(
    kind: SyncedKind<T, View>,
    id: string,
    sync: DocSync<T>,
  ): () => void {
    const key = docKey(kind, id);
    const owner = this.owners.get(sync) ?? "";
    const release = holdLock(this.locks, ownerLock(owner));
    this.liveOwners.add(owner);
    const flush = () => sync.flush();
    this.live.add(flush);
    let open = true;
    let queue = Promise.resolve();
    const unlisten = this.tabs.listen((message) => {
      if ((message.type !== "edit" && message.type !== "saved") || message.key !== key) return;
      queue = queue.then(async () => {
        // Not loadable (offline): that tab saves its edit itself, this one sees it at a pulse.
        const schema = await kind.schema().catch(() => null);
        if (!schema || !open) return;
        const versioned = ({ version, data }: Versioned<unknown>): Versioned<T> | null => {
          const parsed = schema.safeParse(data);
          return typeof version === "number" && parsed.success
            ? { version, data: parsed.data }
            : null;
        };
        if (message.type === "saved") {
          const stored = versioned(message.stored);
          if (stored) sync.adoptPeerSave(stored);
          return;
        }
        const base = versioned(message.base);
        const local = schema.safeParse(message.local);
        if (base && local.success) sync.adoptPeerEdit(base, local.data);
      });
    });
    const stopWatching = watchPage(
      () => void sync.flush({ keepalive: true }),
      () => sync.retryNow(),
    );
    return () => {
      open = false;
      unlisten();
      stopWatching();
      this.live.delete(flush);
      void sync.flush({ keepalive: true }).finally(() => {
        sync.dispose();
        this.liveOwners.delete(owner);
        release();
      });
    };
  }

  /** Saves one document of a kind: `PUT kind.url(id)` with If-Match, the answer in `[kind.name]`. */
  transport<T, View>(kind: SyncedKind<T, View>, id: string): DocTransport<T> {
    const url = kind.url(id);
    const { collection } = kind;
    return {
      save: async (data, baseVersion, { keepalive, intent }) => {
        const { body, etag } = await this.write<Record<string, View | undefined>>(url, {
          method: "PUT",
          json: data,
          keepalive,
          headers: {
            "If-Match": versionTag(baseVersion),
            ...(intent ? { [SAVE_INTENT_HEADER]: intent } : {}),
          },
        }).catch((error: unknown) => {
          // Kept on the device until the connection returns: the list shows it as typed.
          if (collection && isNetworkError(error)) this.listUnsent(kind, id, data, baseVersion);
          throw error;
        });
        const view = body?.[kind.name];
        if (!view) throw new Error(`The server did not return the saved ${kind.name}`);
        this.remember(url, etag, body);
        if (collection) this.listInStep(kind, view);
        return kind.versioned(view);
      },
      conflictCurrent(error: ApiClientError) {
        const current = error.body.current as View | undefined;
        return current ? kind.versioned(current) : null;
      },
      keepConflictCopy: collection?.conflictCopy
        ? async (theirs) => {
            const copy = collection.conflictCopy?.(theirs) ?? theirs;
            await this.create(kind, copy);
            return collection.title(copy);
          }
        : undefined,
    };
  }

  // --- Collections (drafts) ------------------------------------------------------------------

  /**
   * Creates a document of a collection under an id chosen here, so sending the same create
   * again after a lost answer (retried on network errors and 5xx) finds the first.
   */
  async create<T, View>(kind: SyncedKind<T, View>, fields: Partial<T> = {}): Promise<View> {
    const collection = this.collectionOf(kind);
    const id = crypto.randomUUID();
    const request = { method: "POST", json: { id, ...fields } };
    for (let attempt = 0; ; attempt++) {
      if (this.scope.kind === "user" && browserOffline()) return this.createHere(kind, id, fields);
      try {
        const { body, etag } = await this.write<Record<string, View | undefined>>(
          collection.url,
          request,
        );
        const view = body?.[kind.name];
        if (!body || !view) throw new Error(`The server did not return the new ${kind.name}`);
        this.remember(kind.url(collection.summary(view).id), etag, { [kind.name]: view });
        this.listInStep(kind, view);
        return view;
      } catch (error) {
        const delay = CREATE_RETRY_DELAYS_MS[attempt];
        if (delay === undefined && isNetworkError(error) && this.scope.kind === "user")
          return this.createHere(kind, id, fields);
        if (!(error as ApiClientError).transient || delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * Without a network a new document starts on this device, under the id chosen here: the
   * outbox holds its creation (a save with If-Match "v0", which creates) until the server can
   * be reached, and the page and its offline copy show it meanwhile.
   */
  private createHere<T, View>(kind: SyncedKind<T, View>, id: string, fields: Partial<T>) {
    const now = new Date().toISOString();
    const data = { ...kind.empty, ...fields };
    const view = kind.view({ id, version: 0, data, createdAt: now, updatedAt: now });
    this.outbox.slot(kind, id, "").put({ version: 0, data: kind.empty }, data);
    this.showKnown(kind.url(id), { [kind.name]: view }, { revalidate: false });
    this.listInStep(kind, view);
    return view;
  }

  /**
   * Deletes a document of a collection. A draft goes to the Trash: resolves with its entry
   * there (for an undo), or null when it was gone already.
   */
  async remove<T, View>(kind: SyncedKind<T, View>, id: string): Promise<TrashEntry | null> {
    const collection = this.collectionOf(kind);
    const { body } = await this.write<{ trashed?: TrashEntry }>(kind.url(id), {
      method: "DELETE",
    });
    this.lastSeen.delete(kind.url(id));
    void this.copy?.remove(kind.url(id));
    await this.swr.mutate<Record<string, Array<{ id: string }>>>(
      collection.url,
      (list) =>
        list && { [collection.field]: (list[collection.field] ?? []).filter((e) => e.id !== id) },
      { revalidate: true },
    );
    return body?.trashed ?? null;
  }

  /** An edit waiting in the outbox, in the list as typed (the version it is based on). */
  private listUnsent<T, View>(kind: SyncedKind<T, View>, id: string, data: T, version: number) {
    const collection = this.collectionOf(kind);
    const list = this.swr.cache.get(collection.url)?.data as Record<string, unknown> | undefined;
    const entries = (list?.[collection.field] ?? []) as Array<{ id: string; createdAt?: string }>;
    const now = new Date().toISOString();
    const createdAt = entries.find((entry) => entry.id === id)?.createdAt ?? now;
    this.listInStep(kind, kind.view({ id, version, data, createdAt, updatedAt: now }));
  }

  /** Puts what the client now knows of a document at the top of its list, without a round trip. */
  private listInStep<T, View>(kind: SyncedKind<T, View>, view: View) {
    const collection = this.collectionOf(kind);
    const entry = collection.summary(view);
    // A list still loading has nothing to put the entry in, and this mutation makes SWR drop
    // the answer under way (it may predate the write): fetch it again instead.
    const loaded = this.swr.cache.get(collection.url)?.data !== undefined;
    void this.swr.mutate<Record<string, Array<{ id: string; updatedAt: string }>>>(
      collection.url,
      (list) =>
        list && {
          [collection.field]: [
            entry,
            ...(list[collection.field] ?? []).filter((other) => other.id !== entry.id),
          ].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
        },
      { revalidate: !loaded },
    );
  }

  private collectionOf<T, View>(kind: SyncedKind<T, View>) {
    if (!kind.collection) throw new Error(`${kind.name} is not a collection`);
    return kind.collection;
  }

  // --- The outbox ----------------------------------------------------------------------------

  /**
   * Sends edits left in the outbox by an earlier page (closed while offline, or a crash),
   * oldest first, each through a DocSync, so a replay merges on 412 exactly like live typing.
   * An entry whose editor still lives (in any tab) is left to that editor; an open editor of
   * the same document takes the result like any other save.
   */
  replayOutbox(): Promise<void> {
    this.replaying ??= this.replay().finally(() => {
      this.replaying = null;
    });
    return this.replaying;
  }

  private async replay() {
    this.outbox.upgradeLegacyEntries(this.kinds);
    for (const entry of this.outbox.pending()) {
      const kind = this.kinds.find((candidate) => candidate.name === entry.kind);
      const owner = entry.owner ?? "";
      if (!kind || this.liveOwners.has(owner)) continue;
      // Still offline: the next replay (on reconnect) picks up from here.
      if (await this.sendEntry(kind, entry.id, owner)) return;
    }
  }

  /**
   * Sends one entry through its own engine, as its owner (whose lock it holds meanwhile, so no
   * other tab sends it too); resolves true when the connection is down.
   */
  private async sendEntry(kind: SyncedKind, id: string, owner: string): Promise<boolean> {
    // The schema is a chunk of its own: offline, it may not load, and nothing could be sent anyway.
    const schema = await kind.schema().catch(() => null);
    if (!schema) return true;
    let offline = false;
    await withFreeLock(this.locks, ownerLock(owner), async () => {
      const outbox = this.outbox.slot(kind, id, owner, schema);
      const pending = outbox.load();
      // Sent meanwhile, taken over by an editor, or no longer fitting the kind: not sent.
      if (!pending) return;
      const sync = new DocSync({
        initial: pending.base,
        transport: this.transport(kind, id),
        merge: kind.merge?.bind(kind),
        outbox,
        resume: true,
      });
      await settled(sync);
      offline = sync.getSnapshot().status.kind === "retrying";
      sync.dispose();
    });
    return offline;
  }

  /** Sends every edit this page still holds; resolves with how many could not be sent. */
  async sendPendingEdits(): Promise<number> {
    await Promise.all([...this.live].map((flush) => flush()));
    await this.replayOutbox();
    return this.outbox.pending().length;
  }

  /** This device got a new session (after a password change). */
  renewSession(sessionHint: string, endsIn: number) {
    this.sessionHint = sessionHint;
    this.stopExpiry?.();
    const endsAt = Date.now() + endsIn;
    this.stopExpiry = this.endSessionAt(endsAt);
    void recordSessionEnd(endsAt);
  }

  // --- Leaving -------------------------------------------------------------------------------

  /**
   * Signs this browser out: `leave` ends the session on the server (and clears the cookie),
   * then every tab forgets the user and says why, landing on sign-in. A 401 that meets a poll
   * meanwhile waits for `leave` to finish. If `leave` fails, nothing is forgotten.
   */
  async signOut(leave: () => Promise<unknown>, reason: SessionEnd = "signed_out") {
    const leaving = leave();
    this.leaving = leaving.catch(() => {});
    try {
      await leaving;
    } finally {
      this.leaving = null;
    }
    this.endSession(reason);
  }

  /**
   * The session is over, for the reason the server (or another tab) gave: every tab of this
   * browser forgets the user and shows the same notice, whichever tab learnt it first.
   */
  endSession(reason: SessionEnd, { tell = true } = {}) {
    if (this.ended || this.scope.kind !== "user") return;
    this.ended = true;
    if (tell) this.tabs.post({ type: "session-ended", reason });
    void Promise.resolve(this.leaving).then(() => this.forgetDevice(signInAfter(reason)));
  }

  /**
   * Ends the session at `deadline` (ms, this device's clock) unless the page is gone first: the
   * server would refuse it then anyway, and a device that cannot reach the server must not go
   * on showing the user's data after it. Returns the function that cancels it.
   */
  endSessionAt(deadline: number): () => void {
    const delay = deadline - Date.now();
    // setTimeout's limit (~24.8 days): a page open that long learns it from the server.
    if (delay > MAX_TIMER_MS) return () => {};
    const timer = setTimeout(() => this.endSession("expired"), Math.max(0, delay));
    return () => clearTimeout(timer);
  }

  /** This page keeps nothing more for offline use (its copy is about to be deleted). */
  async stopCopying() {
    await this.copy?.forget();
  }

  /**
   * Forgets this user on this device: Handoff's keys in Web Storage (outbox, per-tab state,
   * guest leftovers), any IndexedDB database of ours, the last answers, and then memory
   * itself, by loading `target` afresh.
   */
  async forgetDevice(target: string) {
    await this.stopCopying();
    this.lastSeen.clear();
    clearHandoffStorage([this.storage.local, this.storage.session]);
    await Promise.all([deleteHandoffDatabases(), forgetPages()]);
    this.navigate(target);
  }
}

/** SWR's cache, telling `onData` of each key's data whenever SWR writes the key's state. */
class CopyingMap extends Map<string, { data?: unknown }> {
  constructor(private readonly onData: (key: string, data: unknown) => void) {
    super();
  }
  override set(key: string, state: { data?: unknown }) {
    super.set(key, state);
    if (state?.data !== undefined) this.onData(key, state.data);
    return this;
  }
}

/** The browser says it has no network (so a request would fail at once). */
const browserOffline = () => typeof navigator !== "undefined" && navigator.onLine === false;

const isNetworkError = (error: unknown) =>
  error instanceof ApiClientError && error.code === "network";

/** Calls `onHide` when the page is hidden or closed, `onOnline` when the network returns. */
function watchPage(onHide: () => void, onOnline: () => void): () => void {
  if (typeof window === "undefined") return () => {};
  window.addEventListener("pagehide", onHide);
  window.addEventListener("online", onOnline);
  document.addEventListener("visibilitychange", onHide);
  return () => {
    window.removeEventListener("pagehide", onHide);
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onHide);
  };
}

/** The lock an editor holds while it lives: its outbox entries are its own to send. */
const ownerLock = (owner: string) => `handoff:outbox-owner:${owner}`;

/** Resolves once the engine has nothing left to do for now: saved, gone, failed or offline. */
function settled(sync: DocSync<Record<string, unknown>>) {
  return new Promise<void>((resolve) => {
    const check = () => {
      const status = sync.getSnapshot().status.kind;
      if (status === "saved" || status === "gone" || status === "error" || status === "retrying")
        resolve();
    };
    sync.subscribe(check);
    check();
  });
}

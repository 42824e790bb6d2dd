import { ApiClientError } from "@/lib/browser/http/client";
import { mergeRecord, shallowEqual } from "@/lib/shared/sync/merge";
import type { Merge, SaveIntent, Versioned } from "@/lib/shared/sync/types";
import type { Outbox } from "./outbox";

export type SyncStatus =
  | { kind: "saved" }
  | { kind: "saving" }
  | { kind: "retrying"; message: string }
  | { kind: "error"; message: string }
  | { kind: "gone" };

/** How a kind's document is saved: built by the sync client from its descriptor (transport.ts). */
export interface DocTransport<T> {
  /** Resolves with the stored version; rejects with ApiClientError (412 carries `current`). */
  save(
    data: T,
    baseVersion: number,
    options: { keepalive: boolean; intent?: SaveIntent | null },
  ): Promise<Versioned<T>>;
  /** Pulls `current` out of a 412 body. */
  conflictCurrent(error: ApiClientError): Versioned<T> | null;
  /**
   * Keeps the other side's version when a merge could not hold both (e.g. as a new draft).
   * Resolves with a name to show the user.
   */
  keepConflictCopy?(theirs: T): Promise<string>;
}

export interface DocSnapshot<T> {
  data: T;
  version: number;
  status: SyncStatus;
  /** Something the user should know that is not the save state (a conflict copy was made). */
  notice: string | null;
  /** When another device's change last reached this editor (ms since epoch). */
  remoteChangeAt: number | null;
}

interface Options<T> {
  initial: Versioned<T>;
  transport: DocTransport<T>;
  debounceMs?: number;
  merge?: Merge<T>;
  /** Backoff after a failed save, by attempt: 1 s, 2 s, 4 s, then every 8 s. */
  retryDelayMs?: (attempt: number) => number;
  /** Where unsaved edits wait (localStorage), so a reload or a crash loses nothing. */
  outbox?: Outbox<T>;
  /**
   * Start from the edit waiting in the outbox instead of `initial`. Only the outbox replay
   * does this (see replay-outbox.ts): an editor starts from the server, so an edit is never
   * sent twice by two engines.
   */
  resume?: boolean;
  /** Tells this browser's other tabs (BroadcastChannel) about edits and saves, as they happen. */
  peers?: { edited(base: Versioned<T>, local: T): void; saved(stored: Versioned<T>): void };
}

/** A peer tab's edit is saved by that tab; this one saves it too only if that never happens. */
const PEER_SAVE_FALLBACK_MS = 3000;

const defaultRetryDelay = (attempt: number) => Math.min(8000, 1000 * 2 ** attempt);

/**
 * Keeps one document in step with the server for one editor.
 *
 * `base` is the last version the server acknowledged; `local` is what is on screen. Edits are
 * saved `debounceMs` after typing stops, with If-Match: base.version. A 412 means someone else
 * wrote first: we merge their version into ours three-way against `base` and save again.
 * A poll's newer version replaces the screen only when nothing local is unsaved, so it never
 * overwrites what the user is typing.
 */
export class DocSync<T extends Record<string, unknown>> {
  private base: Versioned<T>;
  private local: T;
  private status: SyncStatus = { kind: "saved" };
  private saving = false;
  /** What the save under way sent. */
  private sending: T | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private disposed = false;
  private snapshot: DocSnapshot<T>;
  private readonly listeners = new Set<() => void>();
  private readonly transport: DocTransport<T>;
  private readonly debounceMs: number;
  private readonly merge: Merge<T>;
  private notice: string | null = null;
  /** What is on screen is another tab's typing, not yet saved (that tab saves it). */
  private adopted = false;
  private remoteChangeAt: number | null = null;
  /** Why the next save goes: it merges a conflict, or restores an earlier version. */
  private intent: SaveIntent | null = null;
  private readonly retryDelay: (attempt: number) => number;
  private readonly outbox: Outbox<T> | undefined;
  private readonly peers: Options<T>["peers"];

  constructor(options: Options<T>) {
    this.outbox = options.outbox;
    this.peers = options.peers;
    // Edits left unsent by an earlier page (offline, crash, closed tab) come back first.
    const pending = options.resume ? this.outbox?.load() : null;
    this.base = pending?.base ?? options.initial;
    this.local = pending?.local ?? options.initial.data;
    this.intent = pending?.intent ?? null;
    this.transport = options.transport;
    this.debounceMs = options.debounceMs ?? 400;
    this.merge = options.merge ?? mergeRecord;
    this.retryDelay = options.retryDelayMs ?? defaultRetryDelay;
    this.snapshot = this.makeSnapshot();
    if (pending) {
      if (this.dirty) this.schedule(0);
      else this.outbox?.clear();
    }
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = () => this.snapshot;

  get dirty() {
    return !shallowEqual(this.local, this.base.data);
  }

  edit(update: Partial<T>) {
    if (this.status.kind === "gone") return;
    if (this.adopted) {
      // Typing on top of another tab's unsaved text: that text is where this edit started
      // (that tab saves it), so it is the base a 412 merges against.
      this.base = { version: this.base.version, data: this.local };
      this.settleAdopted();
    }
    this.local = { ...this.local, ...update };
    this.outbox?.put(this.base, this.local, this.intent);
    this.peers?.edited(this.base, this.local);
    if (this.status.kind === "error") this.status = { kind: "saving" };
    this.schedule(this.debounceMs);
    this.emit();
  }

  /**
   * Puts an earlier version's data on screen and saves it at once, as an ordinary save with
   * If-Match that says it restores (so the server keeps the version it replaces). A conflict
   * merges like any other save. Resolves with where the save stands: "saving" while a save
   * already under way is answered first, "retrying" offline (kept in the outbox), "error".
   */
  async restore(data: T): Promise<SyncStatus> {
    if (this.status.kind === "gone") return this.status;
    this.intent = "restore";
    this.edit(data);
    await this.flush();
    return this.makeSnapshot().status;
  }

  /**
   * Another tab of this browser typed in this document: shown at once, keystroke by keystroke.
   * That tab saves it; this one does only if that never happens. This tab's own unsaved typing
   * is never replaced.
   */
  adoptPeerEdit(base: Versioned<T>, local: T) {
    if (this.saving || base.version !== this.base.version) return;
    if (this.dirty && !this.adopted) return;
    this.local = local;
    this.adopted = true;
    this.schedule(PEER_SAVE_FALLBACK_MS);
    this.emit();
  }

  /** Another tab of this browser got a save acknowledged. */
  adoptPeerSave(stored: Versioned<T>) {
    if (stored.version <= this.base.version) return;
    if (!this.saving && (this.adopted || shallowEqual(this.local, stored.data))) {
      // What that tab saved is what this one shows, or an earlier step of it (its next
      // keystrokes follow with this version as their base).
      this.base = stored;
      if (!this.dirty) this.settleAdopted();
      this.emit();
      return;
    }
    this.receive(stored);
  }

  /** A version seen by a poll. Older or equal versions are ours or stale: ignore them. */
  receive(remote: Versioned<T>) {
    if (remote.version <= this.base.version || this.saving) return;
    if (this.status.kind === "gone") {
      // Deleted, then put back (from the Trash, or undone): an ordinary document again. What
      // was unsaved here when it went is in its conflict copy already.
      this.status = { kind: "saved" };
      this.notice = null;
      this.local = this.base.data;
    }
    if (this.dirty && !this.adopted) return;
    this.base = remote;
    this.local = remote.data;
    this.settleAdopted();
    this.remoteChangeAt = Date.now();
    this.emit();
  }

  /** Nothing shown is another tab's unsaved typing any more: no fallback save is due. */
  private settleAdopted() {
    if (!this.adopted) return;
    this.adopted = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The connection is back: retry now instead of waiting out the backoff. */
  retryNow() {
    if (this.status.kind !== "retrying") return;
    this.attempt = 0;
    this.schedule(0);
  }

  /** The document was deleted elsewhere. */
  markGone() {
    // Never stored yet (made offline, its creation in the outbox): absent, not deleted.
    if (this.status.kind === "gone" || this.base.version === 0) return;
    clearTimeout(this.timer);
    this.gone();
    this.emit();
  }

  /** Save now (e.g. on blur, page hide or unmount) instead of waiting for the debounce. */
  flush(options: { keepalive?: boolean } = {}) {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.save(options.keepalive ?? false);
  }

  dispose() {
    this.disposed = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save(false);
    }, delay);
  }

  private async save(keepalive: boolean): Promise<void> {
    if (this.status.kind === "gone") return;
    if (this.saving) {
      // The page is going away: the save under way will not be followed by another, so what
      // was typed since goes now, on the version that save makes. Had it failed, this is a 412
      // and the outbox still holds the edit for the next page.
      if (keepalive && this.sending && !shallowEqual(this.local, this.sending))
        void this.transport
          .save(this.local, this.base.version + 1, { keepalive: true })
          .catch(() => {});
      return;
    }
    if (!this.dirty) {
      // Nothing differs from the server (a merge can end so): nothing may wait in the outbox,
      // and no later typing may go as a merge or a restore.
      this.outbox?.clear();
      this.intent = null;
      this.setStatus({ kind: "saved" });
      return;
    }
    this.saving = true;
    const sent = this.local;
    this.sending = sent;
    if (this.status.kind !== "retrying") this.setStatus({ kind: "saving" });
    const intent = this.intent;
    try {
      const stored = await this.transport.save(sent, this.base.version, { keepalive, intent });
      if (this.intent === intent) this.intent = null;
      this.attempt = 0;
      this.base = stored;
      this.peers?.saved(stored);
      if (shallowEqual(this.local, sent)) this.local = stored.data;
      this.status = { kind: this.dirty ? "saving" : "saved" };
      if (this.dirty) this.outbox?.put(this.base, this.local, this.intent);
      else this.outbox?.clear();
    } catch (error) {
      this.handleFailure(error);
    } finally {
      this.saving = false;
      this.sending = null;
    }
    if (this.disposed) return;
    this.emit();
    // Typed while the request was out, or merged after a conflict: save the rest.
    if (this.dirty && this.status.kind === "saving" && !this.timer) void this.save(keepalive);
  }

  private handleFailure(error: unknown) {
    if (!(error instanceof ApiClientError)) {
      this.status = { kind: "error", message: "Could not save: unexpected error" };
      return;
    }
    if (error.status === 412) {
      const current = this.transport.conflictCurrent(error);
      if (current) {
        const merged = this.merge(this.base.data, this.local, current.data);
        if (merged.conflicts.length > 0) void this.keepTheirs(current.data);
        // A restore that met another device's edit is still a restore; otherwise a merge.
        this.intent = this.intent ?? "merge";
        this.local = merged.data;
        this.base = current;
        this.remoteChangeAt = Date.now();
        // The merge may already equal what the server holds (the edit got through before):
        // then there is nothing left to send, and nothing may wait in the outbox.
        if (this.dirty) {
          this.outbox?.put(this.base, this.local, this.intent);
          this.status = { kind: "saving" };
        } else {
          this.outbox?.clear();
          this.intent = null;
          this.status = { kind: "saved" };
        }
        return;
      }
    }
    if (error.status === 404) {
      this.gone();
      return;
    }
    if (error.transient) {
      const delay = this.retryDelay(this.attempt++);
      this.status = {
        kind: "retrying",
        message: `${error.status === 0 ? "Offline" : "Server unavailable"}: ${
          this.outbox
            ? "saved on this device, will sync when the connection returns"
            : "not saved yet, retrying"
        }`,
      };
      this.schedule(delay);
      return;
    }
    this.status = { kind: "error", message: `Not saved: ${error.message}` };
  }

  /**
   * Deleted on another device. Unsaved text here is not thrown away with it: it is kept as a
   * copy (where the kind has copies), and the user is told where.
   */
  private gone() {
    const unsaved = this.dirty ? this.local : null;
    this.status = { kind: "gone" };
    this.outbox?.clear();
    if (!unsaved || !this.transport.keepConflictCopy) return;
    void this.transport.keepConflictCopy(unsaved).then(
      (name) => {
        this.notice = `Deleted on another device. What you had not saved yet is kept as “${name}”.`;
        this.emit();
      },
      () => {
        this.notice = "Deleted on another device, and your unsaved text could not be kept.";
        this.emit();
      },
    );
  }

  /** Their text could not be merged into ours: it is kept as a copy, and the user is told where. */
  private async keepTheirs(theirs: T) {
    if (!this.transport.keepConflictCopy) {
      this.notice = "Changed on another device at the same time: this device's version was kept.";
      this.emit();
      return;
    }
    try {
      const name = await this.transport.keepConflictCopy(theirs);
      this.notice = `Edited on another device at the same time: their version is kept as “${name}”.`;
    } catch {
      this.notice =
        "Edited on another device at the same time, and their version could not be copied.";
    }
    this.emit();
  }

  private setStatus(status: SyncStatus) {
    this.status = status;
    this.emit();
  }

  private makeSnapshot(): DocSnapshot<T> {
    // Unsaved edits on screen are never "saved", whatever the last request said.
    const status: SyncStatus =
      this.status.kind === "saved" && this.dirty ? { kind: "saving" } : this.status;
    return {
      data: this.local,
      version: this.base.version,
      status,
      notice: this.notice,
      remoteChangeAt: this.remoteChangeAt,
    };
  }

  private emit() {
    if (this.disposed) return;
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}

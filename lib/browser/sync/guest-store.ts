import { expiringStorage, type SyncStorage } from "@/lib/browser/device/expiring-storage";
import { EMPTY_APPLICATION } from "@/lib/shared/apply/fields";
import type { TrashedDraft } from "@/lib/shared/drafts/trash";
import { GUEST_TTL_MS } from "@/lib/shared/guest/limits";
import { type Locks, withLock } from "./doc-locks";

export const GUEST_KEY = "handoff:guest";
/** A guest's unsent edits: the same outbox as an account's, expiring with the guest's data. */
export const GUEST_OUTBOX_KEY = "handoff:outbox:guest";

/** One document of a guest, as the guest's local API keeps it. */
export interface LocalDoc {
  id: string;
  version: number;
  data: unknown;
  createdAt: string;
  updatedAt: string;
  /** When it goes (ms since the epoch): a draft in the Trash. */
  expiresAt?: number;
}

export interface GuestData {
  /** Names this browser's guest data, so merging it into an account twice does nothing. */
  importId: string;
  /** Grows with every write: the ETag of a list, like an account's change marker. */
  marker: number;
  /** By `docKey(kind, id)`: "draft:<uuid>", "cart:", "application:", "position:countdown". */
  docs: Record<string, LocalDoc>;
  /** Shipping details sealed by the server (AES-GCM): the browser keeps, never reads them. */
  sealedShipping: string | null;
}

/** What the sign-in import sends (lib/shared/guest/import-schema.ts). */
export interface GuestExport {
  importId: string;
  drafts: Array<{ id: string; title: string; body: string }>;
  /** The guest's Trash: each deleted draft goes on waiting in the account's Trash. */
  trash: Array<{ id: string; draftId: string; title: string; body: string; deletedAt: string }>;
  cart: Record<string, number>;
  form: Record<string, unknown>;
  sealedShipping: string | null;
}

const fresh = (): GuestData => ({
  importId: crypto.randomUUID(),
  marker: 0,
  docs: {},
  sealedShipping: null,
});

/**
 * A visitor's data while not signed in: in this browser only (localStorage, one key, 7 days
 * after the last change), never sent until they sign in and it is merged into the account.
 * Tabs of the browser share it: every change is a read-modify-write under a Web Lock, and the
 * other tabs hear of it through the `storage` event.
 */
export class GuestStore {
  private readonly storage: SyncStorage;
  private readonly listeners = new Set<() => void>();

  constructor(
    local: () => Storage,
    private readonly locks: Locks,
    now: () => number = Date.now,
  ) {
    this.storage = expiringStorage(local, GUEST_TTL_MS, now);
  }

  /** The guest's data now (fresh and unsaved when there is none, or it expired). */
  read(): GuestData {
    const raw = this.storage.getItem(GUEST_KEY);
    if (raw === null) return fresh();
    try {
      const parsed = JSON.parse(raw) as Partial<GuestData> & { state?: LegacyGuestState };
      if (parsed.state) return fromLegacy(parsed.state);
      if (typeof parsed.importId === "string" && parsed.docs && typeof parsed.docs === "object")
        return {
          importId: parsed.importId,
          marker: Number(parsed.marker) || 0,
          docs: parsed.docs,
          sealedShipping: typeof parsed.sealedShipping === "string" ? parsed.sealedShipping : null,
        };
    } catch {
      // unreadable: start afresh
    }
    return fresh();
  }

  /** Changes the data, one tab at a time; the expiry moves 7 days on. */
  change<R>(update: (data: GuestData) => R): Promise<R> {
    return withLock(this.locks, GUEST_KEY, async () => {
      const data = this.read();
      const result = update(data);
      this.storage.setItem(GUEST_KEY, JSON.stringify(data));
      this.emit();
      return result;
    });
  }

  /** Forgets everything (it moved into an account). */
  reset() {
    this.storage.removeItem(GUEST_KEY);
    this.emit();
  }

  /** Calls `listener` on every change, this tab's and (through `storage` events) others'. */
  subscribe = (listener: () => void) => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === GUEST_KEY || event.key === null) listener();
    };
    this.listeners.add(listener);
    window.addEventListener("storage", onStorage);
    return () => {
      this.listeners.delete(listener);
      window.removeEventListener("storage", onStorage);
    };
  };

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

/** The import payload: drafts, cart, answers (not the step: a signed-in form starts at 1). */
export function exportGuest(data: GuestData): GuestExport {
  const { step: _step, ...emptyForm } = EMPTY_APPLICATION;
  const drafts = Object.entries(data.docs)
    .filter(([key]) => key.startsWith("draft:"))
    .map(([, doc]) => doc)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map(({ id, data: fields }) => {
      const { title = "", body = "" } = fields as { title?: string; body?: string };
      return { id, title, body };
    });
  const { step: _formStep, ...answers } = (data.docs["application:"]?.data ?? {}) as Record<
    string,
    unknown
  >;
  const now = Date.now();
  const trash = Object.entries(data.docs)
    .filter(([key, doc]) => key.startsWith("trash:") && (doc.expiresAt ?? Infinity) > now)
    .map(([, { id, data: kept, createdAt }]) => {
      const { draftId = id, title = "", body = "" } = kept as Partial<TrashedDraft>;
      return { id, draftId, title, body, deletedAt: createdAt };
    });
  return {
    importId: data.importId,
    drafts,
    trash,
    cart: (data.docs["cart:"]?.data as Record<string, number> | undefined) ?? {},
    form: { ...emptyForm, ...answers },
    sealedShipping: data.sealedShipping,
  };
}

/** Whether there is anything worth moving into an account. */
export function hasGuestData(payload: GuestExport): boolean {
  const { step: _step, ...emptyForm } = EMPTY_APPLICATION;
  const formTouched = Object.entries(payload.form).some(
    ([key, value]) => value !== emptyForm[key as keyof typeof emptyForm],
  );
  return (
    payload.drafts.length > 0 ||
    payload.trash.length > 0 ||
    Object.values(payload.cart).some((quantity) => quantity > 0) ||
    formTouched ||
    payload.sealedShipping !== null
  );
}

/** What the previous version kept (zustand persist, version 1). */
interface LegacyGuestState {
  importId?: string;
  drafts?: Array<{ id: string; title: string; body: string; createdAt: string; updatedAt: string }>;
  cart?: Record<string, number>;
  form?: Record<string, unknown>;
  sealedShipping?: string | null;
}

function fromLegacy(state: LegacyGuestState): GuestData {
  const data = fresh();
  const now = new Date().toISOString();
  const put = (key: string, id: string, value: unknown, at = now) => {
    data.docs[key] = { id, version: 1, data: value, createdAt: at, updatedAt: at };
  };
  if (typeof state.importId === "string") data.importId = state.importId;
  for (const draft of state.drafts ?? [])
    put(`draft:${draft.id}`, draft.id, { title: draft.title, body: draft.body }, draft.updatedAt);
  if (state.cart && Object.keys(state.cart).length) put("cart:", "", state.cart);
  if (state.form) put("application:", "", { ...EMPTY_APPLICATION, ...state.form });
  data.sealedShipping = state.sealedShipping ?? null;
  data.marker = 1;
  return data;
}

import { create } from "zustand";
import { type PersistStorage, persist } from "zustand/middleware";
import { type ApplicationDraft, EMPTY_APPLICATION } from "@/lib/apply/fields";
import type { Cart } from "@/lib/shop/cart";
import { expiringStorage } from "./expiring-storage";
import { GUEST_TTL_MS } from "./ttl";

export const GUEST_STORAGE_KEY = "handoff:guest";

export interface GuestDraft {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export type GuestForm = Omit<ApplicationDraft, "step">;

interface GuestData {
  /** Names this browser's guest data, so merging it into an account twice does nothing. */
  importId: string;
  drafts: GuestDraft[];
  cart: Cart;
  form: GuestForm;
  /** Shipping details sealed by the server (AES-GCM): the browser keeps, never reads them. */
  sealedShipping: string | null;
}

interface GuestActions {
  createDraft(): string;
  editDraft(id: string, patch: Partial<Pick<GuestDraft, "title" | "body">>): void;
  deleteDraft(id: string): void;
  editCart(patch: Cart): void;
  editForm(patch: Partial<GuestForm>): void;
  setSealedShipping(token: string | null): void;
  /** Forget everything (after it moved into an account, or on expiry). */
  reset(): void;
}

const { step: _step, ...emptyForm } = EMPTY_APPLICATION;

const initial = (): GuestData => ({
  importId: crypto.randomUUID(),
  drafts: [],
  cart: {},
  form: emptyForm,
  sealedShipping: null,
});

const guestStorage = expiringStorage(() => localStorage, GUEST_TTL_MS);

/** JSON in the expiring storage; a guest with nothing to keep leaves no key behind. */
const persistStorage: PersistStorage<GuestData> = {
  getItem(name) {
    const raw = guestStorage.getItem(name);
    return raw === null ? null : JSON.parse(raw);
  },
  setItem(name, value) {
    if (hasGuestData(value.state)) guestStorage.setItem(name, JSON.stringify(value));
    else guestStorage.removeItem(name);
  },
  removeItem: (name) => guestStorage.removeItem(name),
};

/**
 * A visitor's data while not signed in: in this browser only (localStorage, 7 days after the
 * last change), never sent to the server until they sign in and it is merged into the account.
 */
export const useGuest = create<GuestData & GuestActions>()(
  persist(
    (set) => ({
      ...initial(),
      createDraft() {
        const now = new Date().toISOString();
        const id = crypto.randomUUID();
        set((state) => ({
          drafts: [{ id, title: "", body: "", createdAt: now, updatedAt: now }, ...state.drafts],
        }));
        return id;
      },
      editDraft(id, patch) {
        const updatedAt = new Date().toISOString();
        set((state) => ({
          drafts: state.drafts
            .map((draft) => (draft.id === id ? { ...draft, ...patch, updatedAt } : draft))
            .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
        }));
      },
      deleteDraft(id) {
        set((state) => ({ drafts: state.drafts.filter((draft) => draft.id !== id) }));
      },
      editCart(patch) {
        set((state) => ({ cart: { ...state.cart, ...patch } }));
      },
      editForm(patch) {
        set((state) => ({ form: { ...state.form, ...patch } }));
      },
      setSealedShipping(sealedShipping) {
        set({ sealedShipping });
      },
      reset() {
        set(initial());
      },
    }),
    {
      name: GUEST_STORAGE_KEY,
      version: 1,
      storage: persistStorage,
      // Read in an effect (see GuestShell), so the server render and the first client render agree.
      skipHydration: true,
      partialize: ({ importId, drafts, cart, form, sealedShipping }) => ({
        importId,
        drafts,
        cart,
        form,
        sealedShipping,
      }),
    },
  ),
);

/** Re-reads guest data from storage; if it expired meanwhile, the visitor starts afresh. */
export async function refreshGuestData() {
  if (guestStorage.getItem(GUEST_STORAGE_KEY) === null) {
    useGuest.setState(initial());
    return;
  }
  await useGuest.persist.rehydrate();
}

export function hasGuestData(state: GuestData) {
  const formTouched = Object.entries(state.form).some(
    ([key, value]) => value !== emptyForm[key as keyof GuestForm],
  );
  return (
    state.drafts.length > 0 ||
    Object.values(state.cart).some((q) => q > 0) ||
    formTouched ||
    state.sealedShipping !== null
  );
}

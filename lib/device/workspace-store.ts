import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import { sessionStore } from "./storage";

/** Scratch state of one tab (sessionStorage): two tabs can be at two different places. */
interface WorkspaceState {
  /** The draft open in this tab. */
  selectedDraftId: string | null;
  /** A guest's step in the application (a signed-in user's step is saved with the form). */
  guestStep: number;
  /** What is typed in the shop's search box, not sent anywhere. */
  shopSearch: string;
  select: (id: string | null) => void;
  setGuestStep: (step: number) => void;
  setShopSearch: (search: string) => void;
}

export const useWorkspace = create<WorkspaceState>()(
  persist(
    (set) => ({
      selectedDraftId: null,
      guestStep: 1,
      shopSearch: "",
      select: (selectedDraftId) => set({ selectedDraftId }),
      setGuestStep: (guestStep) => set({ guestStep }),
      setShopSearch: (shopSearch) => set({ shopSearch }),
    }),
    {
      name: "handoff:workspace",
      version: 2,
      // Version 1 kept only the selected draft.
      migrate: (persisted, version) => {
        const state = persisted as Partial<WorkspaceState>;
        return version < 2 ? { ...state, guestStep: 1, shopSearch: "" } : state;
      },
      storage: createJSONStorage(sessionStore),
      partialize: ({ selectedDraftId, guestStep, shopSearch }) => ({
        selectedDraftId,
        guestStep,
        shopSearch,
      }),
    },
  ),
);

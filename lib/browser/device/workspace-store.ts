import { createContext, useContext } from "react";
import { createStore, useStore } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

/** Scratch state of one tab (sessionStorage): two tabs can be at two different places. */
export interface WorkspaceState {
  /** The draft open in this tab. */
  selectedDraftId: string | null;
  /** What is typed in the shop's search box, not sent anywhere. */
  shopSearch: string;
  select: (id: string | null) => void;
  setShopSearch: (search: string) => void;
}

/**
 * One per page, made by the shell with its client's session storage (memory under "keep
 * nothing"). Read from storage after the first render, so the server's HTML and the browser's
 * first render agree.
 */
export function createWorkspaceStore(session: Storage) {
  return createStore<WorkspaceState>()(
    persist(
      (set) => ({
        selectedDraftId: null,
        shopSearch: "",
        select: (selectedDraftId) => set({ selectedDraftId }),
        setShopSearch: (shopSearch) => set({ shopSearch }),
      }),
      {
        name: "handoff:workspace",
        version: 3,
        // Version 1 kept only the selected draft; version 2 also a guest's step, now in the form.
        migrate: (persisted) => {
          const { selectedDraftId = null, shopSearch = "" } = persisted as Partial<WorkspaceState>;
          return { selectedDraftId, shopSearch };
        },
        storage: createJSONStorage(() => session),
        skipHydration: true,
        partialize: ({ selectedDraftId, shopSearch }) => ({ selectedDraftId, shopSearch }),
      },
    ),
  );
}

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

export const WorkspaceContext = createContext<WorkspaceStore | null>(null);

/** This tab's scratch state, from the shell's store. */
export function useWorkspace<R>(select: (state: WorkspaceState) => R): R {
  const store = useContext(WorkspaceContext);
  if (!store) throw new Error("useWorkspace() needs a <SignedInShell> or a <GuestShell>");
  return useStore(store, select);
}

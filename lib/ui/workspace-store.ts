import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

interface WorkspaceState {
  /** The draft open in this tab. Per tab (sessionStorage): two tabs can edit two drafts. */
  selectedDraftId: string | null;
  select: (id: string | null) => void;
}

export const useWorkspace = create<WorkspaceState>()(
  persist(
    (set) => ({
      selectedDraftId: null,
      select: (selectedDraftId) => set({ selectedDraftId }),
    }),
    {
      name: "handoff:workspace",
      version: 1,
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ selectedDraftId }) => ({ selectedDraftId }),
    },
  ),
);

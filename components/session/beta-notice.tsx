"use client";

import { useEffect, useState } from "react";
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

/** Remembered for the guest in localStorage: dismissed once, gone on every later visit. */
const useNotice = create<{ dismissed: boolean; dismiss: () => void }>()(
  persist((set) => ({ dismissed: false, dismiss: () => set({ dismissed: true }) }), {
    name: "handoff:notice",
    version: 1,
    storage: createJSONStorage(() => localStorage),
    skipHydration: true,
  }),
);

export function BetaNotice() {
  const [ready, setReady] = useState(false);
  const dismissed = useNotice((state) => state.dismissed);
  const dismiss = useNotice((state) => state.dismiss);
  // Read after the first render, so the server's HTML and the browser's first render agree.
  useEffect(() => {
    void Promise.resolve(useNotice.persist.rehydrate()).then(() => setReady(true));
  }, []);
  if (!ready || dismissed) return null;
  return (
    <aside className="beta-notice" aria-label="Notice">
      <p>
        You are trying Handoff as a guest: what you do stays in this browser for 7 days and is sent
        nowhere. Sign in and it moves into your account.
      </p>
      <button type="button" className="ghost" onClick={dismiss}>
        Got it
      </button>
    </aside>
  );
}

"use client";

import { type ReactNode, useEffect, useState } from "react";
import { setKeepNothing } from "@/lib/device/storage";
import { refreshGuestData } from "@/lib/guest/store";
import { ModeContext } from "./mode";

const GUEST = { kind: "guest" } as const;

/**
 * Wraps pages seen by a visitor who is not signed in. Their data lives in this browser only;
 * it is read once the page is in the browser, and again whenever the tab comes back into view,
 * so data that expired meanwhile is gone.
 */
export function GuestShell({ children }: { children: ReactNode }) {
  setKeepNothing(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void refreshGuestData().then(() => setReady(true));
    const refresh = () => {
      if (document.visibilityState === "visible") void refreshGuestData();
    };
    document.addEventListener("visibilitychange", refresh);
    return () => document.removeEventListener("visibilitychange", refresh);
  }, []);
  return (
    <ModeContext.Provider value={GUEST}>
      {ready ? children : <p className="empty page">Loading…</p>}
    </ModeContext.Provider>
  );
}

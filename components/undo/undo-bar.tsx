"use client";

import { useEffect, useState } from "react";
import { useWorkspace } from "@/lib/browser/device/workspace-store";
import { ApiClientError } from "@/lib/browser/http/client";
import { useSyncClient } from "@/lib/browser/sync/context";
import { undoLast, useUndoOffer } from "@/lib/browser/undo/undo";

/**
 * "Undo: deleted “Plans” (on Firefox on Linux)", on every device of the user for as long as the
 * last destructive action can be undone; dismissed here, it stays on the others.
 */
export function UndoBar() {
  const client = useSyncClient();
  const { data } = useUndoOffer();
  const select = useWorkspace((state) => state.select);
  const offer = data?.undo ?? null;
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; failed: boolean } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Gone by itself when the time to undo is up, with no request.
  const expiresAt = offer ? Date.parse(offer.expiresAt) : null;
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, expiresAt - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const onUndo = async () => {
    if (!offer) return;
    setBusy(true);
    setResult(null);
    try {
      const { undone, draft } = await undoLast(client, offer);
      if (draft) select(draft.id);
      setResult({ text: `Undone: ${undone}.`, failed: false });
    } catch (error) {
      const text =
        error instanceof ApiClientError && error.status === 412
          ? "Not undone: something else was done or undone on another device since."
          : `Could not undo: ${(error as Error).message}`;
      setResult({ text, failed: true });
    } finally {
      setBusy(false);
    }
  };

  const showOffer = offer && offer.version !== dismissed && expiresAt !== null && expiresAt > now;
  // The live region stays mounted, so a screen reader hears the offer when it appears.
  if (!showOffer && !result) return <div aria-live="polite" className="visually-hidden" />;
  return (
    <div className="toast" aria-live="polite">
      {showOffer ? (
        <>
          <span>
            Undo: {offer.label} <span className="hint">(on {offer.device})</span>
          </span>
          <button type="button" className="ghost" onClick={() => void onUndo()} disabled={busy}>
            Undo
          </button>
        </>
      ) : (
        <span className={result?.failed ? "error" : undefined}>{result?.text}</span>
      )}
      <button
        type="button"
        className="ghost"
        aria-label="Dismiss"
        onClick={() => {
          if (offer) setDismissed(offer.version);
          setResult(null);
        }}
      >
        ×
      </button>
    </div>
  );
}

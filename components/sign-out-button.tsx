"use client";

import { useState } from "react";
import { signOutHere } from "@/lib/browser/session/leave";
import { useSyncClient } from "@/lib/browser/sync/context";

/**
 * Signs out after sending what is still unsent; if some edits cannot reach the server (offline),
 * asks before throwing them away. Then every tab of this browser forgets the user.
 */
export function SignOutButton() {
  const client = useSyncClient();
  const [busy, setBusy] = useState(false);
  const [unsent, setUnsent] = useState(0);

  const leave = () => signOutHere(client);

  const onSignOut = async () => {
    setBusy(true);
    const left = await client.sendPendingEdits();
    if (left > 0) {
      setUnsent(left);
      setBusy(false);
      return;
    }
    await leave();
  };

  if (unsent > 0) {
    return (
      <div role="alertdialog" aria-label="Unsaved changes" className="confirm-leave">
        <span>
          {unsent === 1 ? "1 change has" : `${unsent} changes have`} not reached the server yet (you
          may be offline).
        </span>
        <button type="button" className="danger" onClick={() => void leave()}>
          Sign out anyway
        </button>
        <button type="button" onClick={() => setUnsent(0)}>
          Stay signed in
        </button>
      </div>
    );
  }
  return (
    <button type="button" className="ghost" onClick={onSignOut} disabled={busy}>
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}

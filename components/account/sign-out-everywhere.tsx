"use client";

import { useState } from "react";
import { signOutHere } from "@/lib/browser/session/leave";
import { useSyncClient } from "@/lib/browser/sync/context";

/** Ends every session of the account, this one too, after sending what this device holds. */
export function SignOutEverywhere() {
  const client = useSyncClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.sendPendingEdits();
      await signOutHere(client, "revoked", () =>
        client.http("/api/account/sessions", { method: "DELETE" }),
      );
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sign out everywhere</h2>
      <p>
        Ends your session on every device and browser, this one included: a lost phone or a shared
        computer stops opening your account within a second.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" onClick={onClick} disabled={busy}>
        {busy ? "Signing out…" : "Sign out everywhere"}
      </button>
    </section>
  );
}

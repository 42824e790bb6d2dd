"use client";

import { type FormEvent, useState } from "react";
import { signOutHere } from "@/lib/browser/session/leave";
import { useSyncClient } from "@/lib/browser/sync/context";
import { DELETE_CONFIRMATION } from "@/lib/shared/account/confirmation";

/** Removes the account and everything in it, after the user types the confirmation. */
export function DeleteAccount() {
  const client = useSyncClient();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signOutHere(client, "deleted", () =>
        client.http("/api/account", { method: "DELETE", json: { confirm: typed } }),
      );
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      className="card danger-zone"
      method="post"
      onSubmit={submit}
      aria-labelledby="delete-heading"
    >
      <h2 id="delete-heading">Delete my account</h2>
      <p>
        Removes your account, drafts, cart, orders, application and positions from the server, and
        signs out every device. This cannot be undone; download your data first if you want it.
      </p>
      <label htmlFor="delete-confirm">
        Type <strong>{DELETE_CONFIRMATION}</strong> to confirm
      </label>
      <input
        id="delete-confirm"
        name="confirm"
        autoComplete="off"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="danger" disabled={busy || typed !== DELETE_CONFIRMATION}>
        {busy ? "Deleting…" : "Delete my account"}
      </button>
    </form>
  );
}

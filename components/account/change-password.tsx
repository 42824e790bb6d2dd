"use client";

import { type FormEvent, useState } from "react";
import { useSyncClient } from "@/lib/browser/sync/context";

/** A new password ends every other session; this device stays signed in (new cookie). */
export function ChangePassword() {
  const client = useSyncClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const { body } = await client.http<{ sessionHint: string; sessionEndsIn: number }>(
        "/api/account/password",
        {
          method: "PUT",
          json: {
            currentPassword: String(fields.get("currentPassword") ?? ""),
            newPassword: String(fields.get("newPassword") ?? ""),
          },
        },
      );
      if (body) client.renewSession(body.sessionHint, body.sessionEndsIn);
      form.reset();
      setDone(true);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" method="post" onSubmit={submit} aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <label htmlFor="current-password">Current password</label>
      <input
        id="current-password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
      />
      <label htmlFor="new-password">New password</label>
      <input
        id="new-password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={8}
        required
        aria-describedby="new-password-hint"
      />
      <p className="hint" id="new-password-hint">
        At least 8 characters, and not one of the passwords attackers try first. Your other devices
        will be signed out.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="notice">
          Password changed. Your other devices are signed out.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Changing…" : "Change password"}
        </button>
      </div>
    </form>
  );
}

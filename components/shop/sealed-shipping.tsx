"use client";

import { type FormEvent, useState, useSyncExternalStore } from "react";
import { apiFetch } from "@/lib/browser/http/client";
import { useSyncClient } from "@/lib/browser/sync/context";
import type { GuestStore } from "@/lib/browser/sync/guest-store";

/** The guest's sealed details (a token, or null), as every tab of this browser sees them. */
function useSealed(guest: GuestStore) {
  const sealed = useSyncExternalStore(
    guest.subscribe,
    () => guest.read().sealedShipping,
    () => null,
  );
  const setSealed = (token: string | null) =>
    void guest.change((data) => {
      data.sealedShipping = token;
    });
  return [sealed, setSealed] as const;
}

/**
 * A guest's shipping details, kept for their next visit without this browser being able to
 * read them: the server seals them (AES-GCM) and the browser stores only the result. They are
 * opened on the server, when the guest signs in and checks out.
 */
export function SealedShipping() {
  const { guest } = useSyncClient();
  if (!guest) throw new Error("Sealed shipping details are a guest's");
  const [sealed, setSealed] = useSealed(guest);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (sealed) {
    return (
      <div className="card sealed">
        <h2>Shipping details</h2>
        <p data-testid="sealed-shipping">
          Saved on this device, sealed: only our server can read them.
        </p>
        <button type="button" onClick={() => setSealed(null)}>
          Replace them
        </button>
      </div>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setBusy(true);
    setError(null);
    try {
      const { body } = await apiFetch<{ sealed: string }>("/api/shipping/seal", {
        method: "POST",
        json: form,
      });
      if (body) setSealed(body.sealed);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card sealed" onSubmit={onSubmit}>
      <h2>Shipping details</h2>
      <p className="hint">
        Kept for your next visit, sealed so that this browser holds only ciphertext.
      </p>
      <label htmlFor="ship-name">Recipient</label>
      <input id="ship-name" name="name" autoComplete="name" required />
      <label htmlFor="ship-street">Street</label>
      <input id="ship-street" name="street" autoComplete="street-address" required />
      <label htmlFor="ship-city">City</label>
      <input id="ship-city" name="city" autoComplete="address-level2" required />
      <label htmlFor="ship-postcode">Postcode</label>
      <input id="ship-postcode" name="postcode" autoComplete="postal-code" required />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Sealing…" : "Keep sealed on this device"}
        </button>
      </div>
    </form>
  );
}

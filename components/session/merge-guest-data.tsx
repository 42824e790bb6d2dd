"use client";

import { useEffect, useRef, useState } from "react";
import { mutate } from "swr";
import { hasGuestData, refreshGuestData, useGuest } from "@/lib/guest/store";
import { apiFetch } from "@/lib/sync/api-client";

interface ImportResult {
  imported: boolean;
  drafts: number;
  cartItems: number;
  form: boolean;
}

function describe(result: ImportResult) {
  const parts = [
    result.drafts > 0 && `${result.drafts} draft${result.drafts === 1 ? "" : "s"}`,
    result.cartItems > 0 &&
      `${result.cartItems} item${result.cartItems === 1 ? "" : "s"} in the cart`,
    result.form && "your application",
  ].filter(Boolean);
  return parts.length
    ? `What you did as a guest is now in your account: ${parts.join(", ")}.`
    : null;
}

/**
 * After a guest signs in (or up), what they did in this browser moves into the account and out
 * of the browser. The server imports each guest data set once, so two tabs doing this at the
 * same moment add nothing twice.
 */
export function MergeGuestData() {
  const started = useRef(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      await refreshGuestData();
      const guest = useGuest.getState();
      if (!hasGuestData(guest)) return;
      try {
        const { body } = await apiFetch<ImportResult>("/api/import", {
          method: "POST",
          json: {
            importId: guest.importId,
            drafts: guest.drafts.map(({ id, title, body }) => ({ id, title, body })),
            cart: guest.cart,
            form: guest.form,
            sealedShipping: guest.sealedShipping,
          },
        });
        guest.reset();
        // Everything shown may have changed, even a draft opened as a guest that now exists.
        await mutate((key) => typeof key === "string" && key.startsWith("/api/"));
        if (body?.imported) setMessage(describe(body));
      } catch {
        setMessage(
          "Your guest data could not be moved into your account yet; it stays in this browser and we will try again.",
        );
      }
    })();
  }, []);
  if (!message) return null;
  return (
    <div className="toast" aria-live="polite">
      {message}
      <button type="button" className="ghost" onClick={() => setMessage(null)} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

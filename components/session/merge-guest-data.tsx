"use client";

import { useEffect, useRef, useState } from "react";
import { type ImportResult, moveGuestDataIntoAccount } from "@/lib/browser/guest/import";
import { useSyncClient } from "@/lib/browser/sync/context";

function describe(result: ImportResult) {
  const parts = [
    result.drafts > 0 && `${result.drafts} draft${result.drafts === 1 ? "" : "s"}`,
    result.cartItems > 0 &&
      `${result.cartItems} item${result.cartItems === 1 ? "" : "s"} in the cart`,
    result.form && "your application",
    result.trashed > 0 &&
      `${result.trashed} deleted draft${result.trashed === 1 ? "" : "s"} in the Trash`,
  ].filter(Boolean);
  return parts.length
    ? `What you did as a guest is now in your account: ${parts.join(", ")}.`
    : null;
}

/** After a guest signs in (or up), what they did in this browser moves into the account. */
export function MergeGuestData() {
  const client = useSyncClient();
  const started = useRef(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    moveGuestDataIntoAccount(client).then(
      (result) => {
        if (!result) return;
        // Everything shown may have changed, even a draft opened as a guest that now exists.
        client.revalidateShown(null);
        if (result.imported) setMessage(describe(result));
      },
      () =>
        setMessage(
          "Your guest data could not be moved into your account yet; it stays in this browser and we will try again.",
        ),
    );
  }, [client]);
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

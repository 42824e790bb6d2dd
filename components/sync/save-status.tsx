import { useIsGuest } from "@/lib/browser/sync/context";
import type { SyncStatus } from "@/lib/browser/sync/doc-sync";

const TEXT: Record<SyncStatus["kind"], string> = {
  saved: "Saved",
  saving: "Saving…",
  retrying: "Not saved yet",
  error: "Not saved",
  gone: "Deleted on another device",
};

const GUEST_TEXT = { saved: "Saved on this device", gone: "Deleted in another tab" };

/**
 * Announced to screen readers; "Saved" only when the server acknowledged what is on screen
 * ("Saved on this device" for a guest, whose data never leaves the browser).
 */
export function SaveStatus({ status }: { status: SyncStatus | null }) {
  const guest = useIsGuest();
  const text = !status
    ? "Loading…"
    : "message" in status
      ? status.message
      : guest && status.kind in GUEST_TEXT
        ? GUEST_TEXT[status.kind as keyof typeof GUEST_TEXT]
        : TEXT[status.kind];
  const tone =
    status && (status.kind === "error" || status.kind === "gone" || status.kind === "retrying")
      ? "warn"
      : "";
  return (
    <p
      role="status"
      aria-live="polite"
      className={`save-status ${tone}`}
      data-status={status?.kind ?? "loading"}
    >
      {text}
    </p>
  );
}

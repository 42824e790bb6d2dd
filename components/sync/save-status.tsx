import type { SyncStatus } from "@/lib/sync/doc-sync";

const TEXT: Record<SyncStatus["kind"], string> = {
  saved: "Saved",
  saving: "Saving…",
  retrying: "Not saved yet",
  error: "Not saved",
  gone: "Deleted on another device",
  local: "Saved on this device",
};

/** Announced to screen readers; "Saved" only when the server acknowledged what is on screen. */
export function SaveStatus({ status }: { status: SyncStatus | null }) {
  const text = !status ? "Loading…" : "message" in status ? status.message : TEXT[status.kind];
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

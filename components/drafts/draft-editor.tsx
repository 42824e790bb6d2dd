"use client";

import { lazy, Suspense, useEffect, useState } from "react";
import { useIsGuest } from "@/lib/browser/sync/context";
import { useSyncedDoc } from "@/lib/browser/sync/use-synced-doc";
import { draftKind } from "@/lib/shared/drafts/kind";
import { DraftForm, type EditorProps } from "./draft-form";

// Loaded when first opened: most visits never look at a draft's History.
const DraftHistory = lazy(() =>
  import("./draft-history").then((module) => ({ default: module.DraftHistory })),
);

/** One draft, fetched and saved through the sync engine (the account's or the guest's). */
export function DraftEditor({ listedVersion, ...props }: EditorProps & { listedVersion?: number }) {
  const { id } = props;
  const guest = useIsGuest();
  const { poll, gone, sync, snapshot } = useSyncedDoc(draftKind, id);
  const [historyOpen, setHistoryOpen] = useState(false);

  // The list may know of a newer version before this draft's own answer does: fetch it now,
  // unless that answer is on its way. (A save of this page puts its answer in the cache before
  // the list, so it fetches nothing.)
  const fetchedVersion = poll.data?.[draftKind.name]?.version ?? 0;
  const shownVersion = snapshot === null ? undefined : Math.max(snapshot.version, fetchedVersion);
  const { mutate: refetch, isValidating } = poll;
  useEffect(() => {
    if (isValidating || listedVersion === undefined || shownVersion === undefined) return;
    if (listedVersion > shownVersion) void refetch();
  }, [listedVersion, shownVersion, refetch, isValidating]);

  if (!snapshot || !sync) {
    return (
      <section className="editor" aria-busy={!gone}>
        {gone ? (
          <p className="empty">
            {guest
              ? "This draft is no longer in this browser. It may have been deleted in another tab."
              : "This draft no longer exists. It may have been deleted on another device."}
          </p>
        ) : poll.error ? (
          <p className="empty" role="alert">
            Could not load this draft: {poll.error.message}
          </p>
        ) : (
          <p className="empty">Loading draft…</p>
        )}
      </section>
    );
  }
  return (
    <DraftForm
      {...props}
      fields={snapshot.data}
      status={snapshot.status}
      notice={snapshot.notice}
      remoteChangeAt={snapshot.remoteChangeAt}
      onChange={(patch) => sync.edit(patch)}
      onBlur={() => void sync.flush()}
      tools={
        guest ? null : (
          <button
            type="button"
            className="ghost"
            aria-expanded={historyOpen}
            onClick={() => setHistoryOpen((open) => !open)}
            disabled={snapshot.status.kind === "gone"}
          >
            History
          </button>
        )
      }
      panel={
        historyOpen && !guest ? (
          <Suspense fallback={<p className="empty">Loading history…</p>}>
            <DraftHistory
              draftId={id}
              version={snapshot.version}
              onRestore={async (fields) => {
                const status = await sync.restore(fields);
                if (status.kind === "error") throw new Error(status.message);
                if (status.kind === "gone") throw new Error("this draft was deleted");
                return status.kind;
              }}
              onClose={() => setHistoryOpen(false)}
            />
          </Suspense>
        ) : null
      }
    />
  );
}

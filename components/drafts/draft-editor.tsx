"use client";

import { useEffect } from "react";
import { useUserId } from "@/components/session/mode";
import { useDraftList } from "@/lib/drafts/client";
import { draftKind } from "@/lib/drafts/kind";
import { useGuest } from "@/lib/guest/store";
import { useSyncedDoc } from "@/lib/sync/use-synced-doc";
import { DraftForm, type EditorProps } from "./draft-form";

/** A signed-in user's draft: polled, saved through the sync engine. */
export function DraftEditor(props: EditorProps) {
  const { id } = props;
  const { poll, gone, sync, snapshot } = useSyncedDoc(draftKind, useUserId(), id);

  // The list (polled by this browser's leader tab, shared with the others) may know of a newer
  // version before this tab's own, slower, poll of the draft does: fetch it now.
  const listedVersion = useDraftList().data?.drafts.find((draft) => draft.id === id)?.version;
  const shownVersion = snapshot?.version;
  const refetch = poll.mutate;
  useEffect(() => {
    if (listedVersion !== undefined && shownVersion !== undefined && listedVersion > shownVersion)
      void refetch();
  }, [listedVersion, shownVersion, refetch]);

  if (!snapshot || !sync) {
    return (
      <section className="editor" aria-busy={!gone}>
        {gone ? (
          <p className="empty">
            This draft no longer exists. It may have been deleted on another device.
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
    />
  );
}

/** A guest's draft: kept in this browser only. */
export function GuestDraftEditor(props: EditorProps) {
  const draft = useGuest((state) => state.drafts.find((d) => d.id === props.id));
  const editDraft = useGuest((state) => state.editDraft);
  if (!draft) return <p className="empty editor">This draft is no longer on this device.</p>;
  return (
    <DraftForm
      {...props}
      fields={{ title: draft.title, body: draft.body }}
      status={LOCAL}
      onChange={(patch) => editDraft(props.id, patch)}
    />
  );
}

const LOCAL = { kind: "local" } as const;

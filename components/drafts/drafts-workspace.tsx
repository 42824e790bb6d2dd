"use client";

import { useState } from "react";
import { useUserId } from "@/components/session/signed-in-shell";
import { createDraft, deleteDraft, useDraftList } from "@/lib/drafts/client";
import { useWorkspace } from "@/lib/ui/workspace-store";
import { DraftEditor } from "./draft-editor";
import { DraftList } from "./draft-list";

export function DraftsWorkspace() {
  const userId = useUserId();
  const list = useDraftList();
  const selectedId = useWorkspace((state) => state.selectedDraftId);
  const select = useWorkspace((state) => state.select);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const onCreate = async () => {
    setCreating(true);
    setActionError(null);
    try {
      const draft = await createDraft();
      select(draft.id);
    } catch (error) {
      setActionError(`Could not create a draft: ${(error as Error).message}`);
    } finally {
      setCreating(false);
    }
  };

  const onDelete = async (id: string) => {
    setActionError(null);
    try {
      await deleteDraft(id);
      select(null);
    } catch (error) {
      setActionError(`Could not delete the draft: ${(error as Error).message}`);
    }
  };

  const drafts = list.data?.drafts;
  return (
    <div className={`workspace ${selectedId ? "has-selection" : ""}`}>
      <aside className="sidebar">
        <div className="sidebar-bar">
          <h1>Drafts</h1>
          <button type="button" className="primary" onClick={onCreate} disabled={creating}>
            {creating ? "Creating…" : "New draft"}
          </button>
        </div>
        {actionError && (
          <p role="alert" className="error">
            {actionError}
          </p>
        )}
        {drafts ? (
          <DraftList drafts={drafts} selectedId={selectedId} onSelect={select} />
        ) : list.error ? (
          <p role="alert" className="error">
            Could not load your drafts: {list.error.message}
          </p>
        ) : (
          <p className="empty">Loading drafts…</p>
        )}
      </aside>
      {selectedId ? (
        <DraftEditor
          key={selectedId}
          userId={userId}
          id={selectedId}
          onDelete={onDelete}
          onClose={() => select(null)}
        />
      ) : (
        <section className="editor placeholder">
          <p className="empty">
            Pick a draft, or start a new one. It follows you to your other devices.
          </p>
        </section>
      )}
    </div>
  );
}

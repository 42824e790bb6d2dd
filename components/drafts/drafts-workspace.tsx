"use client";

import Link from "next/link";
import { useState } from "react";
import { useWorkspace } from "@/lib/browser/device/workspace-store";
import { restoreFromTrash } from "@/lib/browser/drafts/trash";
import { useIsGuest, useSyncClient } from "@/lib/browser/sync/context";
import { useCollection } from "@/lib/browser/sync/use-synced-doc";
import { draftKind } from "@/lib/shared/drafts/kind";
import type { Draft, DraftFields, DraftSummary } from "@/lib/shared/drafts/schema";
import type { TrashEntry } from "@/lib/shared/drafts/trash";
import { UNDO_URL } from "@/lib/shared/undo";
import { DraftEditor } from "./draft-editor";
import { DraftList } from "./draft-list";

/** The drafts of the account (from the server) or of a guest (from this browser), one page. */
export function DraftsPage() {
  const client = useSyncClient();
  const guest = useIsGuest();
  const list = useCollection<DraftFields, Draft, DraftSummary>(draftKind);
  const selectedId = useWorkspace((state) => state.selectedDraftId);
  const select = useWorkspace((state) => state.select);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  /** A guest's draft this page last moved to the Trash, until undone or dismissed. */
  const [trashed, setTrashed] = useState<TrashEntry | null>(null);

  const onCreate = async () => {
    setCreating(true);
    setActionError(null);
    // The open draft closes at once: what is typed while the new one is made must not land in it.
    select(null);
    try {
      select((await client.create(draftKind)).id);
    } catch (error) {
      setActionError(`Could not create a draft: ${(error as Error).message}`);
    } finally {
      setCreating(false);
    }
  };

  const onDelete = async (id: string) => {
    setActionError(null);
    try {
      const trashed = await client.remove(draftKind, id);
      select(null);
      // A user's devices all offer the undo (UndoBar); a guest's is this page's alone.
      if (guest) setTrashed(trashed);
      else void client.swr.mutate(UNDO_URL);
    } catch (error) {
      setActionError(`Could not delete the draft: ${(error as Error).message}`);
    }
  };

  const onUndo = async (entry: TrashEntry) => {
    setTrashed(null);
    setActionError(null);
    try {
      select((await restoreFromTrash(client, entry.id)).id);
    } catch (error) {
      setActionError(`Could not undo the delete: ${(error as Error).message}`);
    }
  };

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
        {list.entries ? (
          <DraftList drafts={list.entries} selectedId={selectedId} onSelect={select} />
        ) : list.error ? (
          <p role="alert" className="error">
            Could not load your drafts: {list.error.message}
          </p>
        ) : (
          <p className="empty">Loading drafts…</p>
        )}
        <p className="sidebar-foot">
          <Link href="/trash">Trash</Link>
        </p>
      </aside>
      {selectedId ? (
        <DraftEditor
          key={selectedId}
          id={selectedId}
          listedVersion={list.entries?.find((draft) => draft.id === selectedId)?.version}
          onDelete={onDelete}
          onClose={() => select(null)}
        />
      ) : (
        <section className="editor placeholder" aria-busy={creating}>
          <p className="empty">
            {creating
              ? "Starting a new draft…"
              : "Pick a draft, or start a new one. It follows you to your other devices."}
          </p>
        </section>
      )}
      {trashed && (
        <div className="toast" aria-live="polite">
          Moved “{trashed.title.trim() || "Untitled"}” to the Trash.
          <button type="button" className="ghost" onClick={() => void onUndo(trashed)}>
            Undo
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => setTrashed(null)}
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}

"use client";

import { type ComponentType, useState } from "react";
import { useMode } from "@/components/session/mode";
import { useWorkspace } from "@/lib/device/workspace-store";
import { createDraft, deleteDraft, useDraftList } from "@/lib/drafts/client";
import { useGuest } from "@/lib/guest/store";
import { DraftEditor, GuestDraftEditor } from "./draft-editor";
import type { EditorProps } from "./draft-form";
import { DraftList, type DraftSummary } from "./draft-list";

/** Where the drafts come from: the account (server) or, for a guest, this browser. */
interface DraftsSource {
  drafts: DraftSummary[] | undefined;
  error: string | null;
  create: () => Promise<string>;
  remove: (id: string) => Promise<void>;
  Editor: ComponentType<EditorProps>;
}

export function DraftsPage() {
  return useMode().kind === "guest" ? <GuestDrafts /> : <UserDrafts />;
}

function UserDrafts() {
  const list = useDraftList();
  return (
    <DraftsWorkspace
      source={{
        drafts: list.data?.drafts,
        error: list.error ? list.error.message : null,
        create: async () => (await createDraft()).id,
        remove: deleteDraft,
        Editor: DraftEditor,
      }}
    />
  );
}

function GuestDrafts() {
  const drafts = useGuest((state) => state.drafts);
  const guest = useGuest.getState();
  return (
    <DraftsWorkspace
      source={{
        drafts,
        error: null,
        create: async () => guest.createDraft(),
        remove: async (id) => guest.deleteDraft(id),
        Editor: GuestDraftEditor,
      }}
    />
  );
}

function DraftsWorkspace({ source }: { source: DraftsSource }) {
  const selectedId = useWorkspace((state) => state.selectedDraftId);
  const select = useWorkspace((state) => state.select);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const { Editor } = source;

  const onCreate = async () => {
    setCreating(true);
    setActionError(null);
    try {
      select(await source.create());
    } catch (error) {
      setActionError(`Could not create a draft: ${(error as Error).message}`);
    } finally {
      setCreating(false);
    }
  };

  const onDelete = async (id: string) => {
    setActionError(null);
    try {
      await source.remove(id);
      select(null);
    } catch (error) {
      setActionError(`Could not delete the draft: ${(error as Error).message}`);
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
        {source.drafts ? (
          <DraftList drafts={source.drafts} selectedId={selectedId} onSelect={select} />
        ) : source.error ? (
          <p role="alert" className="error">
            Could not load your drafts: {source.error}
          </p>
        ) : (
          <p className="empty">Loading drafts…</p>
        )}
      </aside>
      {selectedId ? (
        <Editor key={selectedId} id={selectedId} onDelete={onDelete} onClose={() => select(null)} />
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

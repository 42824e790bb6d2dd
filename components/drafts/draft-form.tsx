"use client";

import { type ReactNode, useId, useState } from "react";
import { SaveStatus } from "@/components/sync/save-status";
import type { SyncStatus } from "@/lib/browser/sync/doc-sync";
import { MAX_TITLE_CHARS } from "@/lib/shared/drafts/limits";
import type { DraftFields } from "@/lib/shared/drafts/schema";
import { RemoteChangeNote } from "./remote-change-note";

export interface EditorProps {
  id: string;
  onDelete: (id: string) => Promise<void>;
  onClose: () => void;
}

interface Props extends EditorProps {
  fields: DraftFields;
  status: SyncStatus;
  notice?: string | null;
  remoteChangeAt?: number | null;
  onChange: (patch: Partial<DraftFields>) => void;
  onBlur?: () => void;
  /** More buttons for the editor's bar (the account's History). */
  tools?: ReactNode;
  /** Shown under the fields (the History, when open). */
  panel?: ReactNode;
}

/** The editor itself, the same for a signed-in user's draft and a guest's. */
export function DraftForm({
  id,
  fields,
  status,
  notice,
  remoteChangeAt,
  onChange,
  onBlur,
  onDelete,
  onClose,
  tools,
  panel,
}: Props) {
  const titleId = useId();
  const bodyId = useId();
  const [confirming, setConfirming] = useState(false);
  const gone = status.kind === "gone";
  return (
    <section className="editor" aria-label="Editor">
      <div className="editor-bar">
        <button type="button" className="ghost only-narrow" onClick={onClose}>
          ← All drafts
        </button>
        <SaveStatus status={status} />
        {tools}
        {confirming ? (
          <span className="confirm">
            <button type="button" className="danger" onClick={() => void onDelete(id)}>
              Confirm delete
            </button>
            <button type="button" className="ghost" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="ghost" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
      <RemoteChangeNote at={remoteChangeAt ?? null} />
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      <label htmlFor={titleId}>Title</label>
      <input
        id={titleId}
        value={fields.title}
        maxLength={MAX_TITLE_CHARS}
        placeholder="Untitled"
        disabled={gone}
        onChange={(event) => onChange({ title: event.target.value })}
        onBlur={onBlur}
      />
      <label htmlFor={bodyId}>Body</label>
      <textarea
        id={bodyId}
        value={fields.body}
        placeholder="Start typing; it saves as you go and follows you to your other devices."
        disabled={gone}
        onChange={(event) => onChange({ body: event.target.value })}
        onBlur={onBlur}
      />
      {panel}
    </section>
  );
}

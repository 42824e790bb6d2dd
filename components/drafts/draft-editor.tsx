"use client";

import { useCallback, useId, useState } from "react";
import { draftTransport, draftUrl, draftVersion, useDraftPoll } from "@/lib/drafts/client";
import { MAX_TITLE_CHARS } from "@/lib/drafts/limits";
import { useDocSync } from "@/lib/sync/use-doc-sync";
import { RemoteChangeNote } from "./remote-change-note";
import { SaveStatus } from "./save-status";

interface Props {
  userId: string;
  id: string;
  onDelete: (id: string) => Promise<void>;
  onClose: () => void;
}

export function DraftEditor({ userId, id, onDelete, onClose }: Props) {
  const titleId = useId();
  const bodyId = useId();
  const poll = useDraftPoll(id);
  const gone = poll.error?.status === 404;
  const remote = poll.data ? draftVersion(poll.data.draft) : undefined;
  const makeTransport = useCallback(() => draftTransport(id), [id]);
  const { sync, snapshot } = useDocSync(draftUrl(id), remote, gone, { userId, makeTransport });
  const [confirming, setConfirming] = useState(false);

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

  const { title, body } = snapshot.data;
  return (
    <section className="editor" aria-label="Editor">
      <div className="editor-bar">
        <button type="button" className="ghost only-narrow" onClick={onClose}>
          ← All drafts
        </button>
        <SaveStatus status={snapshot.status} />
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
      <RemoteChangeNote at={snapshot.remoteChangeAt} />
      {snapshot.notice && (
        <p role="alert" className="notice">
          {snapshot.notice}
        </p>
      )}
      <label htmlFor={titleId}>Title</label>
      <input
        id={titleId}
        value={title}
        maxLength={MAX_TITLE_CHARS}
        placeholder="Untitled"
        disabled={snapshot.status.kind === "gone"}
        onChange={(event) => sync.edit({ title: event.target.value })}
        onBlur={() => void sync.flush()}
      />
      <label htmlFor={bodyId}>Body</label>
      <textarea
        id={bodyId}
        value={body}
        placeholder="Start typing; it saves as you go and follows you to your other devices."
        disabled={snapshot.status.kind === "gone"}
        onChange={(event) => sync.edit({ body: event.target.value })}
        onBlur={() => void sync.flush()}
      />
    </section>
  );
}

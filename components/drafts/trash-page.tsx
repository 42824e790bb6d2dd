"use client";

import Link from "next/link";
import { useState } from "react";
import { useWorkspace } from "@/lib/browser/device/workspace-store";
import { deleteForGood, emptyTrash, restoreFromTrash, useTrash } from "@/lib/browser/drafts/trash";
import { useIsGuest, useSyncClient } from "@/lib/browser/sync/context";
import { TRASH_DAYS, type TrashEntry } from "@/lib/shared/drafts/trash";
import { GUEST_TTL_MS } from "@/lib/shared/guest/limits";

const time = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const DAY_MS = 24 * 60 * 60 * 1000;
const titleOf = (entry: TrashEntry) => entry.title.trim() || "Untitled";

function daysLeft(expiresAt: string) {
  const days = Math.max(1, Math.ceil((Date.parse(expiresAt) - Date.now()) / DAY_MS));
  return days === 1 ? "1 day" : `${days} days`;
}

/** Deleted drafts: put one back, delete one for good, or empty the Trash. */
export function TrashPage() {
  const client = useSyncClient();
  const guest = useIsGuest();
  const trash = useTrash();
  // An entry past its time is gone on the server, whether or not the list moved since.
  const entries = trash.entries?.filter((entry) => Date.parse(entry.expiresAt) > Date.now());
  const { error } = trash;
  const select = useWorkspace((state) => state.select);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; draftId?: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmingEmpty, setConfirmingEmpty] = useState(false);

  const act = async (key: string, action: () => Promise<void>, failure: string) => {
    setBusy(key);
    setActionError(null);
    setDone(null);
    try {
      await action();
    } catch (cause) {
      setActionError(`${failure}: ${(cause as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  const restore = (entry: TrashEntry) =>
    act(
      entry.id,
      async () => {
        const draft = await restoreFromTrash(client, entry.id);
        setDone({ text: `“${titleOf(entry)}” is back in your drafts.`, draftId: draft.id });
      },
      `Could not restore “${titleOf(entry)}”`,
    );
  const purge = (entry: TrashEntry) =>
    act(
      entry.id,
      async () => {
        await deleteForGood(client, entry.id);
        setDone({ text: `“${titleOf(entry)}” is deleted for good.` });
      },
      `Could not delete “${titleOf(entry)}”`,
    );
  const empty = () =>
    act(
      "empty",
      async () => {
        await emptyTrash(
          client,
          (entries ?? []).map((entry) => entry.id),
        );
        setConfirmingEmpty(false);
        setDone({ text: "The Trash is emptied." });
      },
      "Could not empty the Trash",
    );

  const count = entries?.length ?? 0;
  return (
    <section className="page narrow trash">
      <div className="sidebar-bar">
        <h1>Trash</h1>
        {count > 0 &&
          (confirmingEmpty ? (
            <span className="confirm">
              <button type="button" className="danger" onClick={empty} disabled={busy !== null}>
                Delete {count === 1 ? "1 draft" : `${count} drafts`} for good
              </button>
              <button type="button" className="ghost" onClick={() => setConfirmingEmpty(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="ghost" onClick={() => setConfirmingEmpty(true)}>
              Empty Trash
            </button>
          ))}
      </div>
      <p className="hint">
        {guest
          ? `Deleted drafts wait here ${GUEST_TTL_MS / DAY_MS} days, in this browser,`
          : `Deleted drafts wait here ${TRASH_DAYS} days, for all your devices,`}{" "}
        then they are gone for good. <Link href="/drafts">Back to drafts</Link>
      </p>
      {done && (
        <p role="status" className="success">
          {done.text}{" "}
          {done.draftId && (
            <Link href="/drafts" onClick={() => select(done.draftId ?? null)}>
              Open it
            </Link>
          )}
        </p>
      )}
      {actionError && (
        <p role="alert" className="error">
          {actionError}
        </p>
      )}
      {error ? (
        <p role="alert" className="error">
          Could not load the Trash: {error.message}
        </p>
      ) : !entries ? (
        <p className="empty">Loading the Trash…</p>
      ) : entries.length === 0 ? (
        <p className="empty">The Trash is empty.</p>
      ) : (
        <ul className="orders" aria-label="Trash">
          {entries.map((entry) => (
            <li key={entry.id} className="card">
              <h2>{titleOf(entry)}</h2>
              {entry.preview && <p className="trash-preview">{entry.preview}</p>}
              <p className="draft-meta">
                Deleted{" "}
                <time dateTime={entry.deletedAt}>{time.format(new Date(entry.deletedAt))}</time>
                {" · "}gone for good in {daysLeft(entry.expiresAt)}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => void restore(entry)}
                  disabled={busy !== null}
                  aria-label={`Restore “${titleOf(entry)}”`}
                >
                  Restore
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => void purge(entry)}
                  disabled={busy !== null}
                  aria-label={`Delete “${titleOf(entry)}” for good`}
                >
                  Delete for good
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

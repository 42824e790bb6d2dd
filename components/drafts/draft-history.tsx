"use client";

import { useEffect, useRef, useState } from "react";
import { useHistory, useVersion } from "@/lib/browser/drafts/history";
import {
  HISTORY_DAYS,
  HISTORY_KEEP,
  type HistoryEntry,
  versionAuthor,
} from "@/lib/shared/drafts/history";
import type { DraftFields } from "@/lib/shared/drafts/schema";

const time = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const when = (iso: string) => <time dateTime={iso}>{time.format(new Date(iso))}</time>;

interface Props {
  draftId: string;
  /** The version on screen: the list is fetched again when it moves. */
  version: number;
  /**
   * Saves the earlier version's text over the draft, as an ordinary save that says so.
   * Resolves with where that save stands; rejects when it was refused.
   */
  onRestore: (fields: DraftFields) => Promise<"saved" | "saving" | "retrying">;
  onClose: () => void;
}

/**
 * A draft's History: its earlier versions (when, which device or "merge", a preview); one is
 * read whole before it is restored. Restoring keeps the version it replaces here too, and
 * every device is offered to undo it.
 */
export function DraftHistory({ draftId, version, onRestore, onClose }: Props) {
  const list = useHistory(draftId);
  const [chosen, setChosen] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { mutate } = list;
  // A save here or on another device may have kept the version before it.
  useEffect(() => {
    if (version > 0) void mutate();
  }, [version, mutate]);

  const restore = async (entry: HistoryEntry, fields: DraftFields) => {
    setRestoring(true);
    setFailed(null);
    try {
      const saved = await onRestore(fields);
      const which = `the version of ${time.format(new Date(entry.savedAt))}`;
      setDone(
        saved === "retrying"
          ? `Restored ${which} on this device; it reaches your other devices when the connection returns.`
          : `Restored ${which}. The version it replaced is kept below; you can undo it from any device.`,
      );
      setChosen(null);
      heading.current?.focus();
    } catch (error) {
      setFailed(`Could not restore it: ${(error as Error).message}`);
    } finally {
      setRestoring(false);
    }
  };

  const entries = list.data?.history;
  const entry = entries?.find((e) => e.version === chosen) ?? null;
  return (
    <section className="history card" aria-label="History">
      <div className="sidebar-bar">
        <h2 ref={heading} tabIndex={-1}>
          History
        </h2>
        <button type="button" className="ghost" onClick={onClose}>
          Close history
        </button>
      </div>
      {/* Always there, so a screen reader hears what is put in it; not role="status": that
          names the editor's save state. */}
      <p aria-live="polite" className={done ? "success" : "visually-hidden"}>
        {done}
      </p>
      {failed && (
        <p role="alert" className="error">
          {failed}
        </p>
      )}
      {entry ? (
        <VersionView
          draftId={draftId}
          entry={entry}
          busy={restoring}
          onBack={() => {
            setChosen(null);
            heading.current?.focus();
          }}
          onRestore={(fields) => void restore(entry, fields)}
        />
      ) : list.error ? (
        <p role="alert" className="error">
          Could not load the history: {list.error.message}
        </p>
      ) : !entries ? (
        <p className="empty">Loading history…</p>
      ) : entries.length === 0 ? (
        <p className="empty">
          No earlier versions yet. One is kept when you pause typing for 30 seconds, when another
          device edits, and before a merge or a restore.
        </p>
      ) : (
        <ol className="history-list">
          {entries.map((e) => (
            <li key={e.version}>
              <button type="button" className="history-entry" onClick={() => setChosen(e.version)}>
                <span className="draft-meta">
                  {when(e.savedAt)} · {versionAuthor(e)}
                </span>
                <strong>{e.title.trim() || "Untitled"}</strong>
                {e.preview && <span className="trash-preview">{e.preview}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      <p className="hint">
        Kept {HISTORY_DAYS} days, or the last {HISTORY_KEEP} versions if that is more.
      </p>
    </section>
  );
}

function VersionView({
  draftId,
  entry,
  busy,
  onBack,
  onRestore,
}: {
  draftId: string;
  entry: HistoryEntry;
  busy: boolean;
  onBack: () => void;
  onRestore: (fields: DraftFields) => void;
}) {
  const { data, error } = useVersion(draftId, entry.version);
  const kept = data?.version;
  // Keyboard users land on what they opened, not on the page's start.
  const view = useRef<HTMLElement>(null);
  useEffect(() => view.current?.focus(), []);
  return (
    <section className="history-version" ref={view} tabIndex={-1} aria-label="Earlier version">
      <p className="draft-meta">
        {when(entry.savedAt)} · {versionAuthor(entry)}
      </p>
      {error ? (
        <p role="alert" className="error">
          Could not load this version: {error.message}
        </p>
      ) : !kept ? (
        <p className="empty">Loading this version…</p>
      ) : (
        <>
          <h3>{kept.title.trim() || "Untitled"}</h3>
          <pre className="history-body">{kept.body}</pre>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!kept || busy}
          onClick={() => kept && onRestore({ title: kept.title, body: kept.body })}
        >
          Restore this version
        </button>
        <button type="button" className="ghost" onClick={onBack}>
          Back to history
        </button>
      </div>
    </section>
  );
}

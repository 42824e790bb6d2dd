import type { DraftSummary } from "@/lib/shared/drafts/schema";

const time = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

interface Props {
  drafts: DraftSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function DraftList({ drafts, selectedId, onSelect }: Props) {
  if (drafts.length === 0) {
    return <p className="empty">No drafts yet. Press “New draft” to write one.</p>;
  }
  return (
    <ul className="draft-list" aria-label="Drafts">
      {drafts.map((draft) => (
        <li key={draft.id}>
          <button
            type="button"
            aria-current={draft.id === selectedId ? "true" : undefined}
            onClick={() => onSelect(draft.id)}
          >
            <span className="draft-title">{draft.title.trim() || "Untitled"}</span>
            <span className="draft-meta">
              <time dateTime={draft.updatedAt}>{time.format(new Date(draft.updatedAt))}</time>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

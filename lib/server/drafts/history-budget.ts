import "server-only";
import { HISTORY_KEEP, HISTORY_MS } from "@/lib/shared/drafts/history";

/** What the budget needs of one kept version. */
export interface BudgetEntry {
  id: string;
  draftId: string;
  version: number;
  /** When the version was saved (ms since the epoch). */
  savedAt: number;
  bytes: number;
}

export interface HistoryBudget {
  maxBytes: number;
  maxVersions: number;
}

/**
 * Which kept versions go so that `adding` more bytes (one version) fit: those of drafts that
 * exist no more (neither a draft nor in the Trash); then those neither among the last
 * HISTORY_KEEP of their draft nor younger than HISTORY_DAYS (whichever is more generous keeps a
 * version); then the oldest, until the user's versions and bytes fit the budget. Pure, so the
 * rule is tested without a store.
 */
export function versionsToDrop(
  entries: readonly BudgetEntry[],
  adding: { bytes: number },
  { now, budget, drafts }: { now: number; budget: HistoryBudget; drafts: ReadonlySet<string> },
): string[] {
  const drop = new Set<string>();
  const newestFirst = [...entries].sort((a, b) => b.savedAt - a.savedAt || b.version - a.version);
  const seen = new Map<string, number>();
  for (const entry of newestFirst) {
    const rank = (seen.get(entry.draftId) ?? 0) + 1;
    seen.set(entry.draftId, rank);
    const young = now - entry.savedAt < HISTORY_MS;
    if (!drafts.has(entry.draftId) || (rank > HISTORY_KEEP && !young)) drop.add(entry.id);
  }
  let versions = entries.length - drop.size + 1;
  let bytes = adding.bytes;
  for (const entry of entries) if (!drop.has(entry.id)) bytes += entry.bytes;
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    if (versions <= budget.maxVersions && bytes <= budget.maxBytes) break;
    const entry = newestFirst[i] as BudgetEntry;
    if (drop.has(entry.id)) continue;
    drop.add(entry.id);
    versions -= 1;
    bytes -= entry.bytes;
  }
  return [...drop];
}

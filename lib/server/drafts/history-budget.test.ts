import { describe, expect, it } from "vitest";
import { HISTORY_KEEP, HISTORY_MS } from "@/lib/shared/drafts/history";
import { type BudgetEntry, versionsToDrop } from "./history-budget";

const NOW = Date.UTC(2026, 10, 30);
const DAY = 24 * 60 * 60 * 1000;
const roomy = { maxBytes: 1e9, maxVersions: 1e6 };

/** `count` versions of one draft, the newest saved `ageOfNewest` ago, one a minute before. */
const versions = (draftId: string, count: number, ageOfNewest = 0, bytes = 100): BudgetEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${draftId}.v${count - i}`,
    draftId,
    version: count - i,
    savedAt: NOW - ageOfNewest - i * 60_000,
    bytes,
  }));

describe("versionsToDrop: 30 days or the last 50, whichever keeps more, within the budget", () => {
  it("keeps every version younger than 30 days, however many", () => {
    const entries = versions("a", HISTORY_KEEP * 2);
    const drafts = new Set(["a"]);
    expect(versionsToDrop(entries, { bytes: 1 }, { now: NOW, budget: roomy, drafts })).toEqual([]);
  });

  it("keeps the last 50 however old, and drops older ones past 30 days", () => {
    const entries = versions("a", HISTORY_KEEP + 3, HISTORY_MS + DAY);
    const drop = versionsToDrop(
      entries,
      { bytes: 1 },
      {
        now: NOW,
        budget: roomy,
        drafts: new Set(["a"]),
      },
    );
    expect(drop.sort()).toEqual(["a.v1", "a.v2", "a.v3"]);
  });

  it("drops the history of drafts that exist no more, neither as drafts nor in the Trash", () => {
    const entries = [...versions("a", 2), ...versions("gone", 2)];
    const drop = versionsToDrop(
      entries,
      { bytes: 1 },
      {
        now: NOW,
        budget: roomy,
        drafts: new Set(["a"]),
      },
    );
    expect(drop.sort()).toEqual(["gone.v1", "gone.v2"]);
  });

  it("drops the oldest versions, of any draft, until the new one fits the bytes and the count", () => {
    const entries = [...versions("a", 5, 0, 100), ...versions("b", 5, 10 * 60_000, 100)];
    const drafts = new Set(["a", "b"]);
    const byBytes = versionsToDrop(
      entries,
      { bytes: 300 },
      {
        now: NOW,
        budget: { maxBytes: 1000, maxVersions: 100 },
        drafts,
      },
    );
    // 1000 bytes held + 300 new: the three oldest (all of b's oldest) go.
    expect(byBytes.sort()).toEqual(["b.v1", "b.v2", "b.v3"]);
    const byCount = versionsToDrop(
      entries,
      { bytes: 1 },
      {
        now: NOW,
        budget: { maxBytes: 1e9, maxVersions: 4 },
        drafts,
      },
    );
    expect(byCount).toHaveLength(7);
    expect(byCount).not.toContain("a.v5");
    expect(byCount).toContain("b.v5");
  });
});

import { describe, expect, it } from "vitest";
import type { StoredDoc } from "@/lib/server/store";
import type { StoredDraft } from "@/lib/shared/drafts/history";
import { keepsBeforeSaving } from "./history";

const SAVED_AT = Date.UTC(2026, 10, 30, 12);
const laptop = { device: "Chrome on Linux", session: "laptop" };
const phone = { device: "a phone (Chrome)", session: "phone" };

const version = (data: Partial<StoredDraft>): StoredDoc<StoredDraft> => ({
  id: "d",
  userId: "u",
  kind: "draft",
  version: 3,
  data: { title: "Plan", body: "text", by: laptop.device, session: "laptop", how: "edit", ...data },
  createdAt: new Date(SAVED_AT).toISOString(),
  updatedAt: new Date(SAVED_AT).toISOString(),
});

const keeps = (
  current: StoredDoc<StoredDraft>,
  save: { author?: typeof laptop; intent?: "merge" | "restore" | null; after?: number } = {},
) =>
  keepsBeforeSaving(current, {
    author: save.author ?? laptop,
    intent: save.intent ?? null,
    now: SAVED_AT + (save.after ?? 1000),
  });

describe("which versions a save keeps in the history", () => {
  it("keeps nothing while one device types on", () => {
    expect(keeps(version({}))).toBe(false);
  });

  it("keeps the version once typing paused 30 s", () => {
    expect(keeps(version({}), { after: 29_999 })).toBe(false);
    expect(keeps(version({}), { after: 30_000 })).toBe(true);
  });

  it("keeps another device's version, and what a merge or restore replaces or made", () => {
    expect(keeps(version({}), { author: phone })).toBe(true);
    expect(keeps(version({}), { intent: "merge" })).toBe(true);
    expect(keeps(version({}), { intent: "restore" })).toBe(true);
    expect(keeps(version({ how: "merge" }))).toBe(true);
    expect(keeps(version({ how: "restore" }))).toBe(true);
  });

  it("never keeps an empty draft", () => {
    expect(keeps(version({ title: "", body: "" }), { intent: "restore", author: phone })).toBe(
      false,
    );
  });
});

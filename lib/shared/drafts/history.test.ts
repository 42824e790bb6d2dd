import { describe, expect, it } from "vitest";
import { revertRestore, versionAuthor } from "./history";

describe("undoing a restore", () => {
  it("goes back to the replaced version when nothing was typed since", () => {
    const replaced = { title: "Plan", body: "new plan with details" };
    const restored = { title: "Plan", body: "old plan" };
    expect(revertRestore(restored, replaced, restored)).toEqual(replaced);
  });

  it("keeps what another device typed after the restore", () => {
    const replaced = { title: "Plan", body: "alpha beta gamma" };
    const restored = { title: "Old plan", body: "alpha gamma" };
    const current = { title: "Old plan", body: "alpha gamma delta" };
    expect(revertRestore(restored, replaced, current)).toEqual({
      title: "Plan",
      body: "alpha beta gamma delta",
    });
  });
});

it("merges a restore's undo with a line added since; the words the restore took come back", () => {
  expect(
    revertRestore(
      { title: "Trip", body: "Lisbon in May.\nPack light." },
      { title: "Trip", body: "Porto in June.\nPack light." },
      { title: "Trip", body: "Lisbon in May.\nPack light.\nBook a hotel." },
    ).body,
  ).toBe("Porto in June.\nPack light.\nBook a hotel.");
  // Rewritten on both sides at one place: what the user asked back wins (the current text is
  // kept in the history by the server before the undo).
  expect(
    revertRestore(
      { title: "Trip", body: "Lisbon in May" },
      { title: "Trip", body: "Porto in June" },
      { title: "Trip", body: "Lisbon in May and Sintra" },
    ).body,
  ).toBe("Porto in June");
});

describe("who a History line names", () => {
  it("says merge for a merged version, the device otherwise", () => {
    expect(versionAuthor({ by: "Firefox on Linux", how: "merge" })).toBe("merge");
    expect(versionAuthor({ by: "Firefox on Linux", how: "edit" })).toBe("Firefox on Linux");
    expect(versionAuthor({ by: "a phone (Chrome)", how: "restore" })).toBe(
      "restored on a phone (Chrome)",
    );
  });
});

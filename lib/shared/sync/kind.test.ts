import { describe, expect, it } from "vitest";
import { SYNCED_KINDS } from "@/lib/shared/kinds";
import { listEtag, storedKindOf, tagOrder, versionTag } from "./kind";

describe("which stored kind a URL shows (what a poke refetches)", () => {
  it("maps each synced kind's documents and lists, and nothing else", () => {
    expect(storedKindOf(SYNCED_KINDS, "/api/drafts")).toBe("draft");
    expect(storedKindOf(SYNCED_KINDS, "/api/drafts/3f2a")).toBe("draft");
    expect(storedKindOf(SYNCED_KINDS, "/api/cart")).toBe("cart");
    expect(storedKindOf(SYNCED_KINDS, "/api/application")).toBe("form");
    expect(storedKindOf(SYNCED_KINDS, "/api/positions/big-buck-bunny")).toBe("position");
    // Not a synced kind's: refetched on every change.
    expect(storedKindOf(SYNCED_KINDS, "/api/orders")).toBeNull();
    expect(storedKindOf(SYNCED_KINDS, "/api/drafts/3f2a/extra")).toBeNull();
    expect(storedKindOf(SYNCED_KINDS, "/api/cartx")).toBeNull();
  });
});

describe("tagOrder", () => {
  it("orders the ETags this API gives out, and nothing else", () => {
    expect(tagOrder(versionTag(7))).toBe(7);
    expect(tagOrder(listEtag(12))).toBe(12);
    expect(tagOrder('"m12"')).toBeNull();
    expect(tagOrder('W/"v7"')).toBeNull();
    expect(tagOrder("*")).toBeNull();
  });
});

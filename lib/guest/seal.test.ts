import { describe, expect, it } from "vitest";
import { seal, unseal } from "./seal";

describe("sealed storage", () => {
  it("round-trips, and the token shows nothing of the value", () => {
    const token = seal({ street: "1 Infinite Loop" }, "test");
    expect(token).not.toContain("Infinite");
    expect(Buffer.from(token, "base64url").toString("latin1")).not.toContain("Infinite");
    expect(unseal(token, "test")).toEqual({ street: "1 Infinite Loop" });
  });
  it("refuses a token sealed for another purpose, or tampered with", () => {
    const token = seal({ a: 1 }, "one");
    expect(() => unseal(token, "two")).toThrow(/damaged/);
    const raw = Buffer.from(token, "base64url");
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => unseal(raw.toString("base64url"), "one")).toThrow(/damaged/);
  });
  it("seals the same value differently every time", () => {
    expect(seal("x", "p")).not.toBe(seal("x", "p"));
  });
});

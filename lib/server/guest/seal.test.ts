import { describe, expect, it } from "vitest";
import { seal, unseal } from "./seal";

describe("sealed storage", () => {
  it("round-trips, and the token shows nothing of the value", () => {
    const token = seal({ street: "1 Infinite Loop" }, "test", 60_000);
    expect(token).not.toContain("Infinite");
    expect(Buffer.from(token, "base64url").toString("latin1")).not.toContain("Infinite");
    expect(unseal(token, "test")).toEqual({ street: "1 Infinite Loop" });
  });
  it("refuses a token sealed for another purpose, or tampered with", () => {
    const token = seal({ a: 1 }, "one", 60_000);
    expect(() => unseal(token, "two")).toThrow(/damaged/);
    const raw = Buffer.from(token, "base64url");
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => unseal(raw.toString("base64url"), "one")).toThrow(/damaged/);
  });
  it("seals the same value differently every time", () => {
    expect(seal("x", "p", 1000)).not.toBe(seal("x", "p", 1000));
  });
  it("opens for nothing once its time is over (7 days for a guest's details)", () => {
    const token = seal({ a: 1 }, "p", 7 * 24 * 3600 * 1000);
    expect(unseal(token, "p", Date.now() + 6 * 24 * 3600 * 1000)).toEqual({ a: 1 });
    expect(() => unseal(token, "p", Date.now() + 8 * 24 * 3600 * 1000)).toThrow(/expired/);
  });
});

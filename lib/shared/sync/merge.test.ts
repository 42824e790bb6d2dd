import { describe, expect, it } from "vitest";
import { mergeFields, shallowEqual } from "./merge";

describe("mergeFields", () => {
  const base = { title: "t", body: "b" };
  it("keeps my change and their change when they touch different fields", () => {
    expect(mergeFields(base, { title: "mine", body: "b" }, { title: "t", body: "theirs" })).toEqual(
      {
        title: "mine",
        body: "theirs",
      },
    );
  });
  it("asks the resolver only when both changed one field differently", () => {
    const calls: string[] = [];
    const merged = mergeFields(
      base,
      { title: "t", body: "mine" },
      { title: "t", body: "theirs" },
      (key, b, m, t) => {
        calls.push(`${String(key)}:${b}:${m}:${t}`);
        return `${m}+${t}`;
      },
    );
    expect(merged.body).toBe("mine+theirs");
    expect(calls).toEqual(["body:b:mine:theirs"]);
    expect(mergeFields(base, { ...base, body: "same" }, { ...base, body: "same" }).body).toBe(
      "same",
    );
  });
  it("compares records shallowly", () => {
    expect(shallowEqual({ a: 1, b: "x" }, { a: 1, b: "x" })).toBe(true);
    expect(shallowEqual({ a: 1 }, { a: 2 })).toBe(false);
  });
});

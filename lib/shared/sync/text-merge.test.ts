import { describe, expect, it } from "vitest";
import { mergeText } from "./text-merge";

describe("mergeText", () => {
  const base = "The quick brown fox jumps over the lazy dog.\nSecond line stays.";

  it("keeps both edits when they touch different words", () => {
    const mine = base.replace("quick", "slow");
    const theirs = base.replace("lazy", "sleepy");
    expect(mergeText(base, mine, theirs)).toEqual({
      text: "The slow brown fox jumps over the sleepy dog.\nSecond line stays.",
      conflict: false,
    });
  });

  it("keeps text appended on both sides at different places", () => {
    const mine = `Intro. ${base}`;
    const theirs = `${base}\nThird line.`;
    expect(mergeText(base, mine, theirs)).toEqual({
      text: `Intro. ${base}\nThird line.`,
      conflict: false,
    });
  });

  it("flags a real overlap and keeps my text in the result", () => {
    const result = mergeText("colour: red", "colour: blue", "colour: green");
    expect(result).toEqual({ text: "colour: blue", conflict: true });
  });

  it("is no conflict when both sides made the same change", () => {
    expect(mergeText("a b", "a c", "a c")).toEqual({ text: "a c", conflict: false });
  });

  it("preserves whitespace and line breaks exactly", () => {
    const b = "one  two\n\n  three";
    expect(mergeText(b, `${b} four`, `zero ${b}`).text).toBe("zero one  two\n\n  three four");
  });
});

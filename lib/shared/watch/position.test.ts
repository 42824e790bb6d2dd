import { describe, expect, it } from "vitest";
import { formatTime, mergePosition } from "./position";

describe("mergePosition", () => {
  it("keeps the latest write, whichever side made it", () => {
    const base = { seconds: 0, at: 0 };
    expect(mergePosition(base, { seconds: 10, at: 2 }, { seconds: 30, at: 1 }).data).toEqual({
      seconds: 10,
      at: 2,
    });
    expect(mergePosition(base, { seconds: 10, at: 1 }, { seconds: 30, at: 2 }).data).toEqual({
      seconds: 30,
      at: 2,
    });
  });
  it("formats positions as m:ss", () => {
    expect(formatTime(0)).toBe("0:00");
    expect(formatTime(9.9)).toBe("0:09");
    expect(formatTime(75)).toBe("1:15");
  });
});

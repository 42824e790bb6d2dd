import { describe, expect, it } from "vitest";
import { EMPTY_APPLICATION } from "./fields";
import { clearedStep, describeApplicationLoss, stepAnswered } from "./steps";

const filled = {
  ...EMPTY_APPLICATION,
  step: 2,
  fullName: "Ada Lovelace",
  email: "ada@example.com",
  plan: "plus" as const,
};

describe("clearing a step of the application", () => {
  it("empties that step's answers only", () => {
    const cleared = { ...filled, ...clearedStep(1) };
    expect(cleared).toEqual({ ...filled, fullName: "", email: "" });
    expect(stepAnswered(1, cleared)).toBe(false);
    expect(stepAnswered(2, cleared)).toBe(true);
  });

  it("is named for the undo offer; editing an answer is not", () => {
    expect(describeApplicationLoss(filled, { ...filled, ...clearedStep(1) })).toBe(
      "cleared “About you”",
    );
    expect(describeApplicationLoss(filled, { ...filled, fullName: "Ada" })).toBeNull();
    expect(describeApplicationLoss(filled, { ...EMPTY_APPLICATION })).toBe("cleared 2 steps");
  });
});

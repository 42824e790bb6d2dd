import { describe, expect, it } from "vitest";
import { completeApplicationSchema, EMPTY_APPLICATION, stepErrors } from "./schema";

describe("application steps", () => {
  it("names what is missing on each step", () => {
    expect(stepErrors(1, EMPTY_APPLICATION)).toEqual({
      fullName: "Enter your full name",
      email: "Enter an email address like name@example.com",
    });
    expect(stepErrors(2, { ...EMPTY_APPLICATION, plan: "plus" })).toEqual({
      startDate: "Choose a start date",
    });
    expect(stepErrors(3, { ...EMPTY_APPLICATION, motivation: "x".repeat(20) })).toEqual({
      agree: "Accept the terms to continue",
    });
  });
  it("accepts a complete application only", () => {
    const complete = {
      ...EMPTY_APPLICATION,
      fullName: "Ada Lovelace",
      email: "ada@example.com",
      plan: "family",
      startDate: "2027-01-01",
      motivation: "I write on three devices a day.",
      agree: true,
    };
    expect(completeApplicationSchema.safeParse(complete).success).toBe(true);
    expect(completeApplicationSchema.safeParse({ ...complete, agree: false }).success).toBe(false);
  });
});

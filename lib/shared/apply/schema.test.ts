import { describe, expect, it } from "vitest";
import { type ApplicationDraft, applicationErrors, EMPTY_APPLICATION, stepErrors } from "./schema";

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
    const complete: ApplicationDraft = {
      ...EMPTY_APPLICATION,
      fullName: "Ada Lovelace",
      email: "ada@example.com",
      plan: "family",
      startDate: "2027-01-01",
      motivation: "I write on three devices a day.",
      agree: true,
    };
    expect(applicationErrors(complete)).toEqual([]);
    expect(applicationErrors({ ...complete, agree: false })).toEqual([
      "agree: Accept the terms to continue",
    ]);
  });
  it("checks dates and addresses the way the server always has", () => {
    const errorsFor = (patch: Partial<ApplicationDraft>) =>
      stepErrors(2, { ...EMPTY_APPLICATION, plan: "basic", ...patch });
    expect(errorsFor({ startDate: "2027-02-30" })).toEqual({ startDate: "Choose a start date" });
    expect(errorsFor({ startDate: "2027-02-28" })).toEqual({});
    const email = (value: string) =>
      stepErrors(1, { ...EMPTY_APPLICATION, fullName: "Ada", email: value });
    expect(email("ada@example.com")).toEqual({});
    expect(email("ada@@example.com")).toHaveProperty("email");
    expect(email("ada@example")).toHaveProperty("email");
  });
});

import { describe, expect, it } from "vitest";
import { containerName } from "./container-name.mjs";

describe("the Cosmos DB container of a deployment", () => {
  it("is the configured one in production, development and local runs", () => {
    for (const vercelEnv of [undefined, "production", "development"])
      expect(containerName({ container: "items", vercelEnv, branch: "main" })).toBe("items");
  });

  it("is the branch's own for a preview: readable, bounded, and valid as a Cosmos id", () => {
    const name = containerName({
      container: "items",
      vercelEnv: "preview",
      branch: "Feature/Ünïcode & Spaces/".concat("x".repeat(300)),
    });
    expect(name).toMatch(/^items-preview-feature-n-code-spaces-x+-[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual("items-preview-".length + 40 + 9);
    expect(name).not.toMatch(/[/\\?#\s]/);
  });

  it("differs between branches, also when their slugs are equal, and is stable", () => {
    const name = (branch: string) =>
      containerName({ container: "items", vercelEnv: "preview", branch });
    expect(name("feat/a")).not.toBe(name("feat-a"));
    expect(name("feat/a")).toBe(name("feat/a"));
    expect(name("")).toMatch(/^items-preview-unknown-[0-9a-f]{8}$/);
  });
});

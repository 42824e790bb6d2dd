import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_KEYS, parseEnv } from "./env";

const secret = "s".repeat(32);

describe("parseEnv", () => {
  it("runs on the embedded store with nothing set in development", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", HANDOFF_DATA_DIR: ".data" });
    expect(env.COSMOS_ENDPOINT).toBeUndefined();
  });
  it("refuses production without NEXTAUTH_SECRET and says what to set", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET.*openssl rand/);
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: secret }).NEXTAUTH_SECRET).toBe(
      secret,
    );
    // `next build` evaluates modules without runtime secrets.
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }),
    ).not.toThrow();
  });
  it("refuses Vercel without Cosmos DB", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: secret, VERCEL: "1" }),
    ).toThrow(/COSMOS_ENDPOINT and COSMOS_KEY/);
    expect(() =>
      parseEnv({
        NODE_ENV: "production",
        NEXTAUTH_SECRET: secret,
        VERCEL: "1",
        COSMOS_ENDPOINT: "https://acct.documents.azure.com:443/",
        COSMOS_KEY: "a2V5",
      }),
    ).not.toThrow();
  });
  it("rejects half configurations", () => {
    expect(() => parseEnv({ COSMOS_ENDPOINT: "https://acct.documents.azure.com:443/" })).toThrow(
      /COSMOS_KEY/,
    );
    expect(() => parseEnv({ COSMOS_ENDPOINT: "not a url", COSMOS_KEY: "k" })).toThrow(
      /COSMOS_ENDPOINT must be a URL/,
    );
    expect(() => parseEnv({ GITHUB_ID: "id" })).toThrow(/GITHUB_ID and GITHUB_SECRET/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/at least 32 characters/);
    expect(() =>
      parseEnv({
        COSMOS_ENDPOINT: "https://acct.documents.azure.com/",
        COSMOS_KEY: "k",
        COSMOS_ALLOW_SELF_SIGNED: "1",
      }),
    ).toThrow(/only for a Cosmos DB test server/);
    expect(
      parseEnv({
        COSMOS_ENDPOINT: "https://127.0.0.1:8081/",
        COSMOS_KEY: "k",
        COSMOS_ALLOW_SELF_SIGNED: "1",
      }).COSMOS_ALLOW_SELF_SIGNED,
    ).toBe("1");
  });
});

describe(".env.example", () => {
  it("lists every variable the app reads, except those the platform sets", () => {
    const example = readFileSync(".env.example", "utf8");
    const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const platform = ["NODE_ENV", "NEXT_PHASE"];
    expect(ENV_KEYS.length).toBeGreaterThan(20);
    expect(ENV_KEYS.filter((key) => !platform.includes(key) && !listed.has(key))).toEqual([]);
  });
});

import { randomUUID } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { attemptSignIn } from "../support/auth-api";
import { expect, newAccount, signUp, test } from "../support/fixtures";

const forged = () => ({ "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 250)}` });

test("wrong passwords lock the account (even the right one is refused), and the form says for how long", async ({
  ownServer,
  browser,
}) => {
  const { server } = await ownServer({ HANDOFF_SIGNIN_FAILURES_PER_ACCOUNT: "3" });
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  const victim = newAccount();
  const bystander = newAccount();
  await signUp(api, victim);
  await signUp(api, bystander);

  for (let attempt = 0; attempt < 3; attempt++) {
    expect((await attemptSignIn(api, victim.email, "wrong password", forged())).status()).toBe(401);
  }
  const locked = await attemptSignIn(api, victim.email, victim.password, forged());
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await locked.json()).error.code).toBe("too_many_requests");
  // Another account from the same address is not affected.
  expect((await attemptSignIn(api, bystander.email, bystander.password)).status()).toBe(200);

  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(victim.email);
  await page.getByLabel("Password").fill(victim.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "Too many sign-in attempts. Try again in 15 minutes.",
  );
  await expect(page).toHaveURL(/\/signin$/);
  await context.close();
  await api.dispose();
});

test("sign-in attempts per address are capped, and a forged X-Forwarded-For does not reset the count", async ({
  ownServer,
}) => {
  // The fixture's own sign-in is the first of the four.
  const { server, account } = await ownServer({ HANDOFF_SIGNIN_ATTEMPTS_PER_ADDRESS: "4" });
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await attemptSignIn(
      api,
      `nobody-${randomUUID()}@example.com`,
      "whatever1",
      forged(),
    );
    expect(response.status()).toBe(401);
  }
  const refused = await attemptSignIn(api, account.email, account.password, forged());
  expect(refused.status()).toBe(429);
  expect((await refused.json()).error.message).toContain("sign-in attempts from your network");
  await api.dispose();
});

test("sign-ups per address are capped with 429 and Retry-After, and the form shows why", async ({
  ownServer,
  browser,
}) => {
  const { server } = await ownServer({ HANDOFF_SIGNUPS_PER_ADDRESS: "3" });
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  await signUp(api, newAccount());
  await signUp(api, newAccount());
  const refused = await api.post("/api/users", { data: newAccount(), headers: forged() });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(`late-${randomUUID()}@example.com`);
  await page.getByLabel("Password").fill("a long new passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(
    "Too many new accounts from your network",
  );
  await context.close();
  await api.dispose();
});

test("a flood of sign-ins is held to the hash limit: the excess is told to retry, polls keep working", async ({
  ownServer,
}) => {
  const { server, account, context } = await ownServer({
    HANDOFF_PASSWORD_HASH_CONCURRENCY: "1",
    HANDOFF_PASSWORD_HASH_QUEUE: "1",
  });
  const flood = await Promise.all(
    Array.from({ length: 12 }, async () => {
      const api = await playwrightRequest.newContext({ baseURL: server.url });
      const response = await attemptSignIn(api, account.email, account.password);
      const result = { status: response.status(), retryAfter: response.headers()["retry-after"] };
      await api.dispose();
      return result;
    }),
  );
  const statuses = flood.map((answer) => answer.status);
  expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
  expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  expect(flood.find((answer) => answer.status === 429)?.retryAfter).toBe("1");
  expect((await context.request.get("/api/drafts")).status()).toBe(200);
});

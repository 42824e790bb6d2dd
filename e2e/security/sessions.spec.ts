import { readFileSync } from "node:fs";
import path from "node:path";
import { CosmosClient } from "@azure/cosmos";
import Database from "better-sqlite3";
import { startTestCosmosServer } from "../../lib/server/store/test-cosmos-server.mjs";
import { attemptSignIn } from "../support/auth-api";
import { newDraft } from "../support/drafts-page";
import { expect, signUp, test } from "../support/fixtures";
import { browserStorage, copiedOffline } from "../support/storage";

const REVOKED = "You were signed out on every device";

test("after sign-out a copy of the old cookie opens nothing and is not refreshed", async ({
  openDevices,
  browser,
  baseURL,
}) => {
  const [device] = await openDevices(1);
  const stolen = await device.context.cookies();
  expect((await device.context.request.get("/api/drafts")).status()).toBe(200);
  await device.page.getByRole("button", { name: "Sign out" }).click();
  await expect(device.page).toHaveURL(/\/signin\?ended=signed_out$/);

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(stolen);
  const api = thief.request;
  for (let i = 0; i < 3; i++) expect((await api.get("/api/drafts")).status()).toBe(401);
  expect((await api.post("/api/drafts", { data: { title: "sneaky" } })).status()).toBe(401);
  expect(
    (await api.put("/api/cart", { data: { mug: 1 }, headers: { "If-Match": '"v0"' } })).status(),
  ).toBe(401);
  const session = await api.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  const setCookie = session.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
  for (const { value } of setCookie) expect(value).not.toMatch(/session-token=[^;]{20,}/);
  const page = await thief.newPage();
  await page.goto("/drafts");
  await expect(page.getByText("Guest", { exact: true })).toBeVisible();
  await thief.close();
});

test("sign out everywhere: this device and every other forget the user within a poll", async ({
  openDevices,
}) => {
  const [laptop, phone] = await openDevices(2);
  await newDraft(phone.page, { title: "On the phone" });
  await laptop.page.goto("/account");
  await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
  // Both say why, whichever learnt it first: the server tells every 401 the reason.
  for (const device of [laptop, phone]) {
    await expect(device.page).toHaveURL(/\/signin\?ended=revoked$/);
    await expect(device.page.getByRole("status")).toContainText(REVOKED);
  }
  expect((await phone.context.request.get("/api/drafts")).status()).toBe(401);
});

test("a password change signs out every other device and keeps this one", async ({
  openDevices,
  account,
  request,
}) => {
  const [laptop, phone] = await openDevices(2);
  await laptop.page.goto("/account");
  await laptop.page.getByLabel("Current password").fill(account.password);
  await laptop.page.getByLabel("New password").fill("password");
  await laptop.page.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.page.locator("form").getByRole("alert")).toContainText(
    "most common passwords",
  );
  await laptop.page.getByLabel("New password").fill("a brand new passphrase");
  await laptop.page.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.page.getByRole("status")).toHaveText(
    "Password changed. Your other devices are signed out.",
  );
  await expect(phone.page).toHaveURL(/\/signin\?ended=revoked$/);
  await expect(phone.page.getByRole("status")).toContainText(REVOKED);
  await laptop.page.goto("/drafts");
  await expect(laptop.page.getByRole("button", { name: "New draft" })).toBeVisible();
  expect((await laptop.context.request.get("/api/drafts")).status()).toBe(200);
  expect((await attemptSignIn(request, account.email, account.password)).status()).toBe(401);
  expect((await attemptSignIn(request, account.email, "a brand new passphrase")).status()).toBe(
    200,
  );
});

/**
 * Downloads the account's data from /account, then deletes the account there; another tab of
 * the browser is told why it was signed out too.
 */
async function downloadThenDelete(page: import("@playwright/test").Page) {
  const other = await page.context().newPage();
  await other.goto("/drafts");
  // The device's offline copy of the user's answers, to be deleted with the account.
  await copiedOffline(other, "/api/drafts", "Mine");
  await page.goto("/account");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download my data" }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    account: { id: string };
    documents: Array<{ kind: string; data: Record<string, unknown> }>;
  };
  const remove = page.getByRole("button", { name: "Delete my account" });
  await expect(remove).toBeDisabled();
  await page.getByLabel("Type delete my account to confirm").fill("delete my account");
  await remove.click();
  for (const tab of [page, other]) {
    await expect(tab).toHaveURL(/\/signin\?ended=deleted$/);
    await expect(tab.getByRole("status")).toHaveText(
      "Your account and everything in it was deleted.",
    );
  }
  // Nothing of the account stays in this browser either: no copy, no kept pages.
  await expect
    .poll(async () => {
      const { indexedDb, caches } = await browserStorage(page);
      return { databases: indexedDb.filter((name) => name.startsWith("handoff")), caches };
    })
    .toEqual({ databases: [], caches: {} });
  return exported;
}

test("download my data, then delete my account: the SQLite store keeps nothing of it", async ({
  ownServer,
}) => {
  const { page, context, server, account } = await ownServer();
  await newDraft(page, { title: "Mine", body: "my words" });
  expect(
    (
      await context.request.put("/api/cart", { data: { mug: 2 }, headers: { "If-Match": '"v0"' } })
    ).status(),
  ).toBe(200);
  const stolen = await context.cookies();

  const exported = await downloadThenDelete(page);
  expect(exported.documents.map((doc) => doc.kind).sort()).toEqual(["cart", "draft"]);
  // With who saved it how, which its History line shows once it is saved over.
  expect(exported.documents.find((doc) => doc.kind === "draft")?.data).toMatchObject({
    title: "Mine",
    body: "my words",
    by: expect.stringMatching(/^Chrome on \w+$/),
    how: "edit",
  });

  const db = new Database(path.join(server.options.dataDir, "handoff.db"), { readonly: true });
  const userId = exported.account.id;
  expect(db.prepare("SELECT count(*) AS n FROM docs WHERE user_id = ?").get(userId)).toEqual({
    n: 0,
  });
  expect(db.prepare("SELECT count(*) AS n FROM users WHERE email = ?").get(account.email)).toEqual({
    n: 0,
  });
  db.close();

  await context.addCookies(stolen);
  expect((await context.request.get("/api/drafts")).status()).toBe(401);
  await signUp(context.request, account);
});

test("download my data, then delete my account: the Cosmos DB store keeps nothing of it", async ({
  ownServer,
}) => {
  const cosmos = await startTestCosmosServer();
  try {
    const { page, context, account } = await ownServer({
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_ALLOW_SELF_SIGNED: "1",
    });
    await newDraft(page, { title: "Mine in Cosmos", body: "words" });
    const exported = await downloadThenDelete(page);
    expect(exported.documents.map((doc) => doc.kind)).toEqual(["draft"]);

    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      agent: cosmos.agent,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const { resources } = await client
      .database("handoff")
      .container("items")
      .items.query({
        query: "SELECT c.id, c.kind FROM c WHERE c.userId = @userId",
        parameters: [{ name: "@userId", value: exported.account.id }],
      })
      .fetchAll();
    // Only the control document stays, ending every session of the deleted user.
    expect(resources.map((item) => item.kind)).toEqual(["marker"]);
    const { resources: accounts } = await client
      .database("handoff")
      .container("items")
      .items.query({
        query: "SELECT c.id FROM c WHERE c.kind = 'account' AND c.email = @email",
        parameters: [{ name: "@email", value: account.email }],
      })
      .fetchAll();
    expect(accounts).toEqual([]);
    client.dispose();
    await signUp(context.request, account);
  } finally {
    await cosmos.close();
  }
});

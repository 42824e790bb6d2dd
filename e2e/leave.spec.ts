import type { BrowserContext, Page } from "@playwright/test";
import { SESSION_END_NOTICE } from "../lib/shared/auth/session-end";
import { storedDrafts } from "./support/drafts-api";
import { bodyField, newDraft, saveStatus } from "./support/drafts-page";
import { type Account, expect, newAccount, signUp, test } from "./support/fixtures";
import { browserStorage, handoffKeys, keptFor } from "./support/storage";

async function signInWithForm(page: Page, account: Account) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/drafts$/);
}

async function expectNothingOf(
  context: BrowserContext,
  page: Page,
  account: Account,
  userId: string,
) {
  const stored = await browserStorage(page);
  expect(handoffKeys(stored.local)).toEqual([]);
  expect(handoffKeys(stored.session)).toEqual([]);
  expect(stored.indexedDb).toEqual([]);
  expect(stored.caches).toEqual({});
  const everything = JSON.stringify(stored);
  expect(everything).not.toContain(userId);
  expect(everything).not.toContain(account.email);
  expect((await context.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
}

test("signing out leaves no user data in any tab, and the next user on this browser sees nothing", async ({
  browser,
  baseURL,
  request,
}) => {
  const alice = newAccount();
  await signUp(request, alice);
  // With the service worker, so what it keeps must go too.
  const context = await browser.newContext({ baseURL, serviceWorkers: "allow" });
  const page = await context.newPage();
  await signInWithForm(page, alice);
  const userId = (await (await context.request.get("/api/auth/session")).json()).user.id as string;
  await newDraft(page, { title: "Alice's plan", body: "private" });
  await page.goto("/shop");
  await page.getByLabel("Search").fill("mug");
  await page.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  const other = await context.newPage();
  await other.goto("/drafts");
  await keptFor(other, /^[0-9a-f-]{36}$/); // the pages kept for offline use, to be removed too
  expect(handoffKeys((await browserStorage(page)).session).length).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  // The other tab was told (by this tab, or by the server at its next request) and forgot too.
  for (const tab of [page, other]) {
    await expect(tab).toHaveURL(/\/signin\?ended=signed_out$/);
    await expect(tab.getByRole("status")).toHaveText(SESSION_END_NOTICE.signed_out);
  }
  for (const tab of [page, other]) await expectNothingOf(context, tab, alice, userId);

  const bob = newAccount();
  await signUp(request, bob);
  await signInWithForm(page, bob);
  await expect(page.getByText("No drafts yet")).toBeVisible();
  await expect(page.getByText("Alice's plan")).toHaveCount(0);
  await expect(page.getByTestId("cart-badge")).toHaveCount(0);
  await context.close();
});

test("signing out with edits that cannot reach the server asks first", async ({ openDevices }) => {
  const [device] = await openDevices(1);
  const { page, context } = device;
  await newDraft(page, { title: "Unsent" });
  await context.setOffline(true);
  await bodyField(page).fill("typed offline");
  await expect(saveStatus(page)).toContainText("saved on this device");

  await page.getByRole("button", { name: "Sign out" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Unsaved changes" });
  await expect(dialog).toContainText("1 change has not reached the server");
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(page).toHaveURL(/\/drafts$/);

  await context.setOffline(false);
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });
  const drafts = await storedDrafts(context.request);
  expect(drafts[0]).toMatchObject({ title: "Unsent", body: "typed offline" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?ended=signed_out$/);
  expect((await context.request.get("/api/drafts")).status()).toBe(401);
});

test("when the session expires, every tab forgets the user and says so", async ({ ownServer }) => {
  const { context, page } = await ownServer({ SESSION_MAX_AGE_SECONDS: "10" });
  await newDraft(page, { title: "Short session" });
  const second = await context.newPage();
  await second.goto("/drafts");

  // Whichever tab's request meets the 401 first tells the other; both say why.
  await expect(page).toHaveURL(/\/signin\?ended=expired$/, { timeout: 25_000 });
  await expect(second).toHaveURL(/\/signin\?ended=expired$/);
  for (const tab of [page, second])
    await expect(tab.getByRole("status")).toHaveText(SESSION_END_NOTICE.expired);
  for (const tab of [page, second]) {
    const stored = await browserStorage(tab);
    expect(handoffKeys(stored.local)).toEqual([]);
    expect(handoffKeys(stored.session)).toEqual([]);
  }
});

test("'Keep nothing on this device' stores nothing in the browser and refetches on reload", async ({
  openDevices,
}) => {
  const [device] = await openDevices(1, { path: "/about", serviceWorkers: "allow" });
  const { page } = device;
  // The setting reloads the page to take effect, so click rather than check().
  await page.getByLabel("Keep nothing on this device").click();
  await expect(page.getByLabel("Keep nothing on this device")).toBeChecked();

  await page.goto("/drafts");
  await newDraft(page, { title: "Memory only", body: "kept on the server" });
  await page.goto("/shop");
  await page.getByLabel("Search").fill("pen");
  const stored = await browserStorage(page);
  expect(handoffKeys(stored.local)).toEqual([]);
  expect(handoffKeys(stored.session)).toEqual([]);
  // No copy for offline use either: no answers in IndexedDB, no pages kept.
  expect(stored.indexedDb.filter((name) => name.startsWith("handoff"))).toEqual([]);
  expect(stored.caches).toEqual({});

  await page.goto("/drafts");
  await page.getByRole("button", { name: /^Memory only/ }).click();
  await expect(bodyField(page)).toHaveValue("kept on the server");
  await page.reload();
  await expect(page.getByRole("button", { name: /^Memory only/ })).toBeVisible();
  await expect(page.getByLabel("Body", { exact: true })).toHaveCount(0); // the open draft was not remembered
});

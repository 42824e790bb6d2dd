import type { Page } from "@playwright/test";
import { draftInList } from "./support/drafts-page";
import { expect, signIn, test } from "./support/fixtures";

/** Opens /drafts on a device whose timers run on Playwright's fake clock; records API calls. */
async function deviceOnFakeClock(
  browser: import("@playwright/test").Browser,
  baseURL: string | undefined,
  account: import("./support/fixtures").Account,
) {
  const context = await browser.newContext({ baseURL });
  await signIn(context, account);
  const page = await context.newPage();
  await page.clock.install();
  const calls: Array<{ path: string; at: number }> = [];
  let inFlight = 0;
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith("/api/")) return;
    calls.push({ path: pathname, at: Date.now() });
    inFlight++;
  });
  const finished = (request: import("@playwright/test").Request) => {
    if (new URL(request.url()).pathname.startsWith("/api/")) inFlight--;
  };
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  clocks.set(page, () => inFlight);
  await page.goto("/drafts");
  await expect(page.getByRole("button", { name: "New draft" })).toBeVisible();
  return { context, page, calls };
}

/** How many API requests of each fake-clock page are under way. */
const clocks = new WeakMap<Page, () => number>();

/** Moves the fake clock second by second, letting each poll's real request finish. */
async function letTimePass(page: Page, seconds: number) {
  const inFlight = clocks.get(page) ?? (() => 0);
  for (let second = 0; second < seconds; second++) {
    await page.clock.runFor(1000);
    await page.evaluate(() => 0); // a round trip: the requests of that second are on record
    await expect.poll(inFlight, { intervals: [10] }).toBe(0);
  }
}

test("an untouched tab backs off to a poll every 30 s, and one pulse answers for the whole page", async ({
  browser,
  baseURL,
  account,
}) => {
  const { context, page, calls } = await deviceOnFakeClock(browser, baseURL, account);
  await letTimePass(page, 60); // the minute after opening counts as use: a poll a second
  const fastMinute = calls.length;
  await letTimePass(page, 300);
  const idle = calls.slice(fastMinute);
  // 2, 4, 8, 16 s, then every 30 s: about 4 + 9 polls in these five minutes.
  expect(idle.length).toBeGreaterThanOrEqual(10);
  expect(idle.length).toBeLessThanOrEqual(16);
  // The list and the cart badge no longer poll on their own: only the pulse does.
  expect(new Set(idle.map((call) => call.path))).toEqual(new Set(["/api/pulse"]));
  await context.close();
});

test("a hidden tab is silent, and an idle device shows the latest state the moment it is used", async ({
  browser,
  baseURL,
  account,
  openDevices,
}) => {
  const { context, page, calls } = await deviceOnFakeClock(browser, baseURL, account);
  await letTimePass(page, 120);

  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  const beforeHidden = calls.length;
  await letTimePass(page, 120);
  expect(calls.length).toBe(beforeHidden);
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect.poll(() => calls.length).toBeGreaterThan(beforeHidden);
  await letTimePass(page, 120); // idle again: polls every 30 s

  // Another device writes; picking this one up (a key press) polls at once and shows it.
  const [other] = await openDevices(1);
  const created = await other.context.request.post("/api/drafts", {
    data: { title: "Written on the phone" },
  });
  expect(created.status()).toBe(201);
  await page.keyboard.press("Shift");
  await expect(draftInList(page, "Written on the phone")).toBeVisible();
  await context.close();
});

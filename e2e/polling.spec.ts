import type { Page } from "@playwright/test";
import { bodyField, draftInList, newDraft, titleField } from "./support/drafts-page";
import { expect, signIn, test } from "./support/fixtures";

/** An API request a test counts: the poke stream stays open, so it is left out. */
const counted = (url: string) => {
  const { pathname } = new URL(url);
  return pathname.startsWith("/api/") && pathname !== "/api/live";
};

/**
 * Opens /drafts on a device whose timers run on Playwright's fake clock; records API calls.
 * `stream: false` cuts off the poke stream, as a proxy that buffers it or a network that
 * drops it would: the pulse alone then keeps the page fresh.
 */
async function deviceOnFakeClock(
  browser: import("@playwright/test").Browser,
  baseURL: string | undefined,
  account: import("./support/fixtures").Account,
  { stream }: { stream: boolean },
) {
  const context = await browser.newContext({ baseURL });
  await signIn(context, account);
  const page = await context.newPage();
  if (!stream) await page.route("**/api/live", (route) => route.abort());
  await page.clock.install();
  const calls: Array<{ path: string; at: number }> = [];
  let inFlight = 0;
  page.on("request", (request) => {
    if (!counted(request.url())) return;
    calls.push({ path: new URL(request.url()).pathname, at: Date.now() });
    inFlight++;
  });
  const finished = (request: import("@playwright/test").Request) => {
    if (counted(request.url())) inFlight--;
  };
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  clocks.set(page, () => inFlight);
  const opened = stream
    ? page.waitForResponse((r) => r.url().endsWith("/api/live") && r.ok())
    : null;
  await page.goto("/drafts");
  await expect(page.getByRole("button", { name: "New draft" })).toBeVisible();
  await opened;
  // The undo bar loads after the page, then asks once what can be undone: not a poll.
  await expect.poll(() => calls.some((call) => call.path === "/api/undo")).toBe(true);
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

test("with a stream, a tab polls only as a safety net, every 60 s, in use or not", async ({
  browser,
  baseURL,
  account,
}) => {
  const { context, page, calls } = await deviceOnFakeClock(browser, baseURL, account, {
    stream: true,
  });
  // The stream's first event may make the page check what it shows once; let that settle.
  await letTimePass(page, 5);
  const opened = calls.length;
  for (let second = 0; second < 300; second++) {
    if (second % 10 === 0) await page.mouse.move(100 + second, 200); // someone is using it
    await letTimePass(page, 1);
  }
  const polls = calls.slice(opened);
  // 300 s / 60 s: 5 polls (4 to 6 by where the count starts), where the pulse alone would
  // have made 300.
  expect(polls.length).toBeGreaterThanOrEqual(4);
  expect(polls.length).toBeLessThanOrEqual(6);
  expect(new Set(polls.map((call) => call.path))).toEqual(new Set(["/api/pulse"]));
  await context.close();
});

test("without a stream, an untouched tab backs off to a poll every 30 s, and one pulse answers for the whole page", async ({
  browser,
  baseURL,
  account,
}) => {
  const { context, page, calls } = await deviceOnFakeClock(browser, baseURL, account, {
    stream: false,
  });
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

test("without a stream, a hidden tab is silent, and an idle device shows the latest state the moment it is used", async ({
  browser,
  baseURL,
  account,
  openDevices,
}) => {
  const { context, page, calls } = await deviceOnFakeClock(browser, baseURL, account, {
    stream: false,
  });
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

test("while one device types, the other asks only for what changed, and the typist's own saves cost it no reads", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2);
  await newDraft(a.page, { title: "Watched" });
  await draftInList(b.page, "Watched").click();
  await expect(titleField(b.page)).toHaveValue("Watched");
  const answers: Record<"a" | "b", string[]> = { a: [], b: [] };
  for (const [name, device] of [
    ["a", a],
    ["b", b],
  ] as const)
    device.page.on("response", (response) => {
      if (!counted(response.url())) return;
      const { pathname } = new URL(response.url());
      answers[name].push(`${response.request().method()} ${response.status()} ${pathname}`);
    });
  for (const text of ["one", "one two", "one two three"]) {
    await bodyField(a.page).fill(text);
    await expect(bodyField(b.page)).toHaveValue(text);
  }
  const notPulse = (answer: string) => !answer.endsWith("/api/pulse");
  // B refetched the draft and the list; the cart badge, unchanged, was not asked for.
  expect(answers.b.filter(notPulse).filter((answer) => answer.includes(" 304 "))).toEqual([]);
  expect(answers.b.filter((answer) => answer.endsWith("/api/cart"))).toEqual([]);
  expect(answers.b.filter((answer) => answer.startsWith("GET 200 /api/drafts/"))).not.toEqual([]);
  // A's pokes were of its own saves: it read nothing back.
  expect(answers.a.filter(notPulse).filter((answer) => answer.startsWith("GET"))).toEqual([]);
  expect(answers.a.filter((answer) => answer.startsWith("PUT 200"))).not.toEqual([]);
});

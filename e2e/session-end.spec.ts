import type { Browser, Page } from "@playwright/test";
import { SESSION_END_NOTICE } from "../lib/shared/auth/session-end";
import { type Account, expect, signIn, test } from "./support/fixtures";

/** Every address a tab was at, so a test can tell it never went through "expired". */
function addressesOf(page: Page) {
  const seen: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  return seen;
}

/** No BroadcastChannel message reaches this tab, nor leaves it. */
function deafen(page: Page) {
  return page.addInitScript(() => {
    globalThis.BroadcastChannel = class {
      onmessage = null;
      postMessage() {}
      close() {}
    } as unknown as typeof BroadcastChannel;
  });
}

/** One browser signed in as `account`, with a first tab open on /drafts. */
async function browserWithTab(browser: Browser, baseURL: string | undefined, account: Account) {
  const context = await browser.newContext({ baseURL });
  await signIn(context, account);
  const first = await context.newPage();
  await first.goto("/drafts");
  await expect(first.getByRole("button", { name: "New draft" })).toBeVisible();
  return { context, first };
}

test("signing out while another tab is still loading: both say you signed out, neither 'expired'", async ({
  browser,
  baseURL,
  account,
}) => {
  const { context, first } = await browserWithTab(browser, baseURL, account);

  // The second tab is still loading when the first signs out, and cannot hear it (its
  // BroadcastChannel is deaf): it learns of it from the server only, at its first request.
  const second = await context.newPage();
  await deafen(second);
  const seen = [addressesOf(first), addressesOf(second)];
  await second.goto("/drafts", { waitUntil: "commit" });

  await first.getByRole("button", { name: "Sign out" }).click();
  await expect(first).toHaveURL(/\/signin\?ended=signed_out$/);

  for (const tab of [first, second]) {
    await expect(tab).toHaveURL(/\/signin\?ended=signed_out$/);
    await expect(tab.getByRole("status")).toHaveText(SESSION_END_NOTICE.signed_out);
  }
  expect(seen.flat().filter((url) => /ended=(?!signed_out)/.test(url))).toEqual([]);
  await context.close();
});

test("a tab that polls while another signs out is told by the server why, not 'expired'", async ({
  browser,
  baseURL,
  account,
}) => {
  const { context, first } = await browserWithTab(browser, baseURL, account);
  const second = await context.newPage();
  await deafen(second);
  const seen = addressesOf(second);
  await second.goto("/drafts");
  await expect(second.getByRole("button", { name: "New draft" })).toBeVisible();

  await first.getByRole("button", { name: "Sign out" }).click();
  await expect(first).toHaveURL(/\/signin\?ended=signed_out$/);
  // Its next request goes out without the cookie (the first tab cleared it) and comes back
  // 401 with the reason read from the control document.
  await second.keyboard.press("Shift");
  await expect(second).toHaveURL(/\/signin\?ended=signed_out$/);
  await expect(second.getByRole("status")).toHaveText(SESSION_END_NOTICE.signed_out);
  expect(seen.filter((url) => url.includes("ended=expired"))).toEqual([]);
  await context.close();
});

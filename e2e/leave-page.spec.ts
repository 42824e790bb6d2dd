import type { Page } from "@playwright/test";
import { storedDrafts } from "./support/drafts-api";
import { bodyField, newDraft } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

const video = (page: Page) => page.locator("video");

/**
 * Plays the clip and jumps to `seconds` and a half, where it plays on at a sixteenth of its
 * speed: still playing, but the second does not change for eight seconds, however slow the
 * machine. The page's clock stands still meanwhile (its timers run), so after the first
 * periodic save, at 0:00, none follows: only a save on leaving can tell another device this
 * position.
 */
async function playTo(page: Page, seconds: number) {
  const played = () => video(page).evaluate((element: HTMLVideoElement) => element.currentTime);
  await page.clock.setFixedTime(Date.now());
  await video(page).evaluate((element: HTMLVideoElement) => element.play());
  await expect.poll(played).toBeGreaterThan(0.2);
  await video(page).evaluate((element: HTMLVideoElement, to) => {
    element.playbackRate = 0.0625;
    element.currentTime = to;
  }, seconds + 0.5);
  await expect.poll(played).toBeGreaterThan(seconds + 0.5);
  return seconds;
}

/** The other device offers to resume from where the page was left. */
async function expectResumeFrom(page: Page, reached: number) {
  const label = `Resume from 0:${String(reached).padStart(2, "0")}`;
  await expect(page.getByRole("button", { name: label })).toBeVisible();
}

test("leaving /watch for another page of the app saves the position it had reached", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2, { path: "/watch" });
  const reached = await playTo(a.page, 7);
  await a.page.getByRole("link", { name: "Shop" }).click();
  await expect(a.page).toHaveURL(/\/shop$/);
  await expectResumeFrom(b.page, reached);
});

test("closing the tab while the clip plays saves the position", async ({ openDevices }) => {
  const [a, b] = await openDevices(2, { path: "/watch" });
  const reached = await playTo(a.page, 7);
  await a.page.close({ runBeforeUnload: true });
  await b.page.reload();
  await expectResumeFrom(b.page, reached);
});

test("a draft typed and closed within 100 ms is not lost", async ({ openDevices }) => {
  const [device] = await openDevices(1);
  await newDraft(device.page, { title: "Quick" });
  await bodyField(device.page).pressSequentially("typed just before closing", { delay: 0 });
  await device.page.close({ runBeforeUnload: true });
  // Sent with keepalive as the page went, or kept in the outbox and sent by the next page.
  const next = await device.context.newPage();
  await next.goto("/drafts");
  await expect
    .poll(async () => (await storedDrafts(device.context.request))[0]?.body)
    .toBe("typed just before closing");
});

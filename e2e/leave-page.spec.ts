import type { Page } from "@playwright/test";
import { storedDrafts } from "./support/drafts-api";
import { bodyField, newDraft } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

const video = (page: Page) => page.locator("video");

/** Plays the clip from the start until it passes `seconds` (periodic saves at 0 and 5 s). */
async function playPast(page: Page, seconds: number) {
  await video(page).evaluate((element: HTMLVideoElement) => element.play());
  await expect
    .poll(() => video(page).evaluate((element: HTMLVideoElement) => element.currentTime), {
      timeout: 15_000,
    })
    .toBeGreaterThan(seconds);
}

test("leaving /watch for another page of the app saves the position it had reached", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2, { path: "/watch" });
  await playPast(a.page, 7);
  await a.page.getByRole("link", { name: "Shop" }).click();
  await expect(a.page).toHaveURL(/\/shop$/);
  // The last periodic save was at 5 s; only the save on leaving knows 0:07.
  await expect(b.page.getByRole("button", { name: "Resume from 0:07" })).toBeVisible({
    timeout: 3_000,
  });
});

test("closing the tab while the clip plays saves the position", async ({ openDevices }) => {
  const [a, b] = await openDevices(2, { path: "/watch" });
  await playPast(a.page, 7);
  await a.page.close({ runBeforeUnload: true });
  await b.page.reload();
  await expect(b.page.getByRole("button", { name: "Resume from 0:07" })).toBeVisible({
    timeout: 3_000,
  });
});

test("a draft typed and closed within 100 ms is not lost", async ({ openDevices }) => {
  const [device] = await openDevices(1);
  await newDraft(device.page, { title: "Quick" });
  await bodyField(device.page).pressSequentially("typed just before closing", { delay: 0 });
  await device.page.waitForTimeout(50);
  await device.page.close({ runBeforeUnload: true });
  // Sent with keepalive as the page went, or kept in the outbox and sent by the next page.
  const next = await device.context.newPage();
  await next.goto("/drafts");
  await expect
    .poll(async () => (await storedDrafts(device.context.request))[0]?.body, { timeout: 5_000 })
    .toBe("typed just before closing");
});

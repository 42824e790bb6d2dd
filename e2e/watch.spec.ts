import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const video = (page: Page) => page.locator("video");

test("pausing on one device offers 'Resume from m:ss' on another, and playback writes at most every 5 s", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2, { path: "/watch" });
  let writes = 0;
  a.page.on("request", (request) => {
    if (request.method() === "PUT" && request.url().includes("/api/positions/")) writes++;
  });

  await video(a.page).evaluate((element: HTMLVideoElement) => element.play());
  await a.page.waitForTimeout(11_000);
  const writesWhilePlaying = writes;
  await video(a.page).evaluate((element: HTMLVideoElement) => element.pause());
  const at = await video(a.page).evaluate((element: HTMLVideoElement) => element.currentTime);
  expect(at).toBeGreaterThan(8);
  // 11 s of playback: one write every 5 s at most, so 3 at most (at 0, 5 and 10 s).
  expect(writesWhilePlaying).toBeGreaterThanOrEqual(1);
  expect(writesWhilePlaying).toBeLessThanOrEqual(3);

  const label = `Resume from 0:${String(Math.floor(at)).padStart(2, "0")}`;
  const resume = b.page.getByRole("button", { name: label });
  await expect(resume).toBeVisible({ timeout: 3_000 });
  await resume.click();
  const bAt = await video(b.page).evaluate((element: HTMLVideoElement) => element.currentTime);
  expect(Math.abs(bAt - at)).toBeLessThan(1);
  await expect(b.page.getByRole("button", { name: /^Resume from/ })).toHaveCount(0);
});

test("positions API: unknown videos are 404, bad positions 400", async ({ openDevices }) => {
  const [a] = await openDevices(1, { path: "/watch" });
  const api = a.context.request;
  expect((await api.get("/api/positions/nope")).status()).toBe(404);
  const bad = await api.put("/api/positions/countdown", {
    data: { seconds: -1, at: 1 },
    headers: { "If-Match": '"v0"' },
  });
  expect(bad.status()).toBe(400);
  const ok = await api.put("/api/positions/countdown", {
    data: { seconds: 12.5, at: 1 },
    headers: { "If-Match": '"v0"' },
  });
  expect(ok.status()).toBe(200);
});

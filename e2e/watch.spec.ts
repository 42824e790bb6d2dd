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
  const played = () => video(a.page).evaluate((element: HTMLVideoElement) => element.currentTime);

  // The page's clock stands still while the video plays (its timers run): the throttle, which
  // reads Date.now(), sees no time pass however many "timeupdate" events the playback fires.
  const start = Date.now();
  await a.page.clock.setFixedTime(start);
  await video(a.page).evaluate((element: HTMLVideoElement) => element.play());
  await expect.poll(played).toBeGreaterThan(1.5);
  expect(writes).toBe(1);
  // 4.9 s later by the page's clock: still one write.
  await a.page.clock.setFixedTime(start + 4_900);
  const later = (await played()) + 0.75;
  await expect.poll(played).toBeGreaterThan(later);
  expect(writes).toBe(1);
  // 5 s after the first write: the next "timeupdate" writes once more, and only once.
  await a.page.clock.setFixedTime(start + 5_000);
  await expect.poll(() => writes).toBe(2);
  const afterThat = (await played()) + 0.75;
  await expect.poll(played).toBeGreaterThan(afterThat);
  expect(writes).toBe(2);

  // Pausing writes at once, wherever the clock is.
  await video(a.page).evaluate((element: HTMLVideoElement) => {
    element.currentTime = 8.4;
    element.pause();
  });
  await expect.poll(() => writes).toBe(3);
  const at = await played();

  const label = `Resume from 0:${String(Math.floor(at)).padStart(2, "0")}`;
  const resume = b.page.getByRole("button", { name: label });
  await expect(resume).toBeVisible();
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

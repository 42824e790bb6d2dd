// Figures of issue 9 for `npm run bench`: what an idle tab costs, how fast a device picked up
// catches up, and how many polling devices an instance holds. Used by bench/run.mjs.

import { Agent, request as httpRequest } from "node:http";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium.mjs";

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A browser context signed in with the session cookie of `cookieHeader`. */
export async function contextWithCookie(browser, base, cookieHeader) {
  const context = await browser.newContext({ baseURL: base });
  await context.addCookies(
    cookieHeader.split("; ").map((pair) => {
      const [name, ...rest] = pair.split("=");
      return { name, value: rest.join("="), url: base };
    }),
  );
  return context;
}

/** Moves a page's fake clock second by second, letting each real request finish. */
async function letTimePass(page, seconds) {
  for (let second = 0; second < seconds; second++) {
    await page.clock.runFor(1000);
    await page.waitForTimeout(10);
  }
}

/**
 * API requests (and store requests, counted at the Cosmos API server) of one signed-in tab
 * on /drafts that nobody touches, over `minutes` simulated minutes on Playwright's clock,
 * after its first minute; then the same with the tab hidden. Extrapolated to an hour.
 */
export async function idleTabCosts({ base, cookie, cosmos, minutes = 10 }) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const context = await contextWithCookie(browser, base, cookie);
    const page = await context.newPage();
    await page.clock.install();
    let requests = 0;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) requests++;
    });
    await page.goto("/drafts");
    await page.getByRole("button", { name: "New draft" }).waitFor();
    await letTimePass(page, 60);
    const firstMinute = requests;
    const measure = async () => {
      const [startRequests, startStore] = [requests, cosmos.requestCount()];
      await letTimePass(page, minutes * 60);
      const scale = 60 / minutes;
      return {
        requests: (requests - startRequests) * scale,
        storeRequests: (cosmos.requestCount() - startStore) * scale,
      };
    };
    const visible = await measure();
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    const hidden = await measure();
    return { firstMinute, visible, hidden, minutes };
  } finally {
    await browser.close();
  }
}

/**
 * Hand-off: an edit saved on device A, then device B (idle, its clock frozen so no timer
 * polls) gains focus. Milliseconds from the focus event to the edit on B's screen.
 */
export async function handOffLatency({ base, cookie, trials }) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const a = await (await contextWithCookie(browser, base, cookie)).newPage();
    const b = await (await contextWithCookie(browser, base, cookie)).newPage();
    await a.goto("/drafts");
    await a.getByRole("button", { name: "New draft" }).click();
    await a.getByLabel("Title", { exact: true }).fill("hand-off");
    await a
      .getByRole("status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    await b.clock.install();
    await b.goto("/drafts");
    await b.getByRole("button", { name: /^hand-off/ }).click();
    const samples = [];
    for (let trial = 0; trial < trials; trial++) {
      await b.clock.fastForward(120_000); // B has been idle for two minutes
      await b.waitForTimeout(50);
      const text = `hand-off ${trial} ${Math.random()}`;
      await a.getByLabel("Body", { exact: true }).fill(text);
      await a
        .getByRole("status")
        .filter({ hasText: /^Saved$/ })
        .waitFor();
      const elapsed = await b.evaluate(async (expected) => {
        const started = performance.now();
        window.dispatchEvent(new Event("focus"));
        while (document.querySelector("textarea")?.value !== expected) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          if (performance.now() - started > 10_000) return -1;
        }
        return performance.now() - started;
      }, text);
      if (elapsed < 0) throw new Error("device B never showed the edit");
      samples.push(elapsed);
    }
    return samples.sort((x, y) => x - y);
  } finally {
    await browser.close();
  }
}

/**
 * `devices` simulated devices, each its own keep-alive connection, polling once a second at
 * a random phase (real devices do not poll in step). Latency counts from when a poll was due,
 * not when it could be sent, so a server that falls behind cannot hide it. The first two
 * seconds (connections opening) are left out.
 */
async function pollingDevices({ url, headers, devices, seconds }) {
  const warmup = 2000;
  const started = performance.now();
  const end = started + warmup + seconds * 1000;
  const latencies = [];
  let errors = 0;
  const device = async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let due = started + Math.random() * 1000;
    while (due < end) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const ok = await new Promise((resolve) => {
        const request = httpRequest(url, { agent, headers }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode < 400));
        });
        request.setTimeout(10_000, () => request.destroy());
        request.on("error", () => resolve(false));
        request.end();
      });
      if (due >= started + warmup) {
        latencies.push(performance.now() - due);
        if (!ok) errors++;
      }
      due += 1000;
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: devices }, device));
  latencies.sort((x, y) => x - y);
  return { p99: percentile(latencies, 99), polls: latencies.length, errors };
}

/**
 * Simulated devices polling once a second, in steps, until p99 passes 250 ms. Returns every
 * step and the most devices held with p99 under 250 ms and no failed poll.
 */
export async function devicesHeld({
  url,
  headers = {},
  seconds = 6,
  steps = [200, 400, 800, 1200, 1600, 2000, 2400, 3200],
}) {
  const rows = [];
  for (const devices of steps) {
    const row = { devices, ...(await pollingDevices({ url, headers, devices, seconds })) };
    rows.push(row);
    if (row.p99 >= 250 || row.errors) break;
  }
  const held = rows.filter((row) => row.p99 < 250 && row.errors === 0).at(-1)?.devices ?? 0;
  return { rows, held };
}

export { percentile };

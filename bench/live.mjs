// `npm run bench:live` (also the last part of `npm run bench`): the poke stream against the
// pulse alone (HANDOFF_LIVE=off), measured in the same run on this machine, and how many tabs
// with a stream one instance holds, and nginx with two. Needs a previous `next build` (npm run
// bench builds).
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium.mjs";
import { freePortSync, newDataDir, newSecret, TestServer } from "../e2e/support/server.mjs";
import { signedInCookie } from "../e2e/support/session-cookie.mjs";
import { startCluster } from "../scripts/cluster.mjs";
import { contextWithCookie, percentile } from "./scale.mjs";

const log = (...line) => console.log(...line);
const ms = (value) => `${Math.round(value)} ms`;
/** lib/shared/sync/presence.ts: a page with a healthy stream pulses this often. */
const SAFETY_POLL_MS = 60_000;

const MODES = [
  ["stream", { HANDOFF_LIVE: "on" }],
  ["pulse only", { HANDOFF_LIVE: "off" }],
];

async function withServer(env, work) {
  const server = new TestServer({
    port: freePortSync(),
    dataDir: newDataDir(),
    secret: newSecret(),
    env,
  });
  await server.start();
  try {
    return await work(server);
  } finally {
    await server.stop("SIGTERM");
  }
}

const isApi = (url) => {
  const { pathname } = new URL(url);
  return pathname.startsWith("/api/") && pathname !== "/api/live";
};

/**
 * Device A types for `seconds` (an edit, a pause of 0.3-1 s), device B, also in use (the
 * pointer moves), shows each edit: latency from A's keystroke to B's screen (400 ms of it the
 * autosave debounce), and each device's API requests, of which "nothing new" (304) answers.
 */
async function watching(base, cookie, seconds) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const a = await (await contextWithCookie(browser, base, cookie)).newPage();
    const b = await (await contextWithCookie(browser, base, cookie)).newPage();
    await a.goto("/drafts");
    await a.getByRole("button", { name: "New draft" }).click();
    await a.getByLabel("Title", { exact: true }).fill("watched");
    await a
      .getByRole("status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    await b.goto("/drafts");
    await b.getByRole("button", { name: /^watched/ }).click();
    await b.getByLabel("Title", { exact: true }).waitFor();
    await b.waitForTimeout(2000); // settle: the stream opens, the first pulse answers
    const counts = { a: { requests: 0, notModified: 0 }, b: { requests: 0, notModified: 0 } };
    for (const [name, page] of [
      ["a", a],
      ["b", b],
    ])
      page.on("response", (response) => {
        if (!isApi(response.url())) return;
        counts[name].requests++;
        if (response.status() === 304) counts[name].notModified++;
      });
    const samples = [];
    const started = performance.now();
    for (let trial = 0; performance.now() - started < seconds * 1000; trial++) {
      const text = `edit ${trial} ${Math.random()}`;
      const sent = performance.now();
      await a.getByLabel("Body", { exact: true }).fill(text);
      await b.waitForFunction(
        (expected) => document.querySelector("textarea")?.value === expected,
        text,
        {
          polling: "raf",
          timeout: 10_000,
        },
      );
      samples.push(performance.now() - sent);
      await b.mouse.move(100 + trial * 7, 200);
      await a.waitForTimeout(300 + Math.random() * 700);
    }
    const minutes = (performance.now() - started) / 60_000;
    const perMinute = ({ requests, notModified }) => ({
      requests: requests / minutes,
      notModified: notModified / minutes,
    });
    return {
      samples: samples.sort((x, y) => x - y),
      edits: samples.length / minutes,
      a: perMinute(counts.a),
      b: perMinute(counts.b),
    };
  } finally {
    await browser.close();
  }
}

/**
 * One device in use (the pointer moves every second) while nothing changes, for `minutes`
 * simulated minutes on Playwright's clock: its API requests an hour (each is one point read
 * of the control document) and its presence reports (writes) an hour.
 */
async function activeDevice(base, cookie, minutes, live) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await (await contextWithCookie(browser, base, cookie)).newPage();
    await page.clock.install();
    const stream = live ? page.waitForResponse((r) => r.url().endsWith("/api/live")) : null;
    await page.goto("/drafts");
    await page.getByRole("button", { name: "New draft" }).waitFor();
    await stream;
    await page.waitForTimeout(500);
    let requests = 0;
    let reports = 0;
    page.on("request", (request) => {
      if (!isApi(request.url())) return;
      requests++;
      if (request.headers()["handoff-active"]) reports++;
    });
    for (let second = 0; second < minutes * 60; second++) {
      await page.mouse.move(100 + (second % 50), 200);
      await page.clock.runFor(1000);
      await page.waitForTimeout(5);
    }
    const scale = 60 / minutes;
    return { requests: requests * scale, reports: reports * scale };
  } finally {
    await browser.close();
  }
}

const rssOf = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
/** The app instances' memory (nginx's is not counted). */
const memoryOf = (target) => target.pids().reduce((total, pid) => total + rssOf(pid), 0);

/**
 * Tabs with a stream each on `target` ({ url, pids }), split over two load generator processes
 * (one holds ~20,000 sockets).
 */
async function capacityStep(
  target,
  secret,
  tabs,
  baseline,
  { seconds = 20, writesPerSecond = 20 } = {},
) {
  const children = [0, 1].map(() =>
    fork(new URL("./live-load.mjs", import.meta.url), [
      JSON.stringify({
        base: target.url,
        secret,
        tabs: Math.ceil(tabs / 2),
        seconds,
        writesPerSecond: writesPerSecond / 2,
        safetyMs: SAFETY_POLL_MS,
      }),
    ]),
  );
  // Listened for now: a child that exits before anyone listens would leave nothing to wait on.
  const exited = children.map((child) => new Promise((resolve) => child.once("exit", resolve)));
  const next = (child) => new Promise((resolve) => child.once("message", resolve));
  const opened = await Promise.all(children.map(next));
  const held = memoryOf(target);
  const results = await Promise.all(
    children.map((child) => {
      const done = next(child);
      child.send("go");
      return done;
    }),
  );
  await Promise.all(exited);
  const sum = (key) => results.reduce((total, r) => total + r[key], 0);
  const max = (key) => Math.max(...results.map((r) => r[key]));
  return {
    tabs,
    open: opened.reduce((total, r) => total + r.open, 0),
    bytesPerStream:
      (held - baseline) /
      Math.max(
        1,
        opened.reduce((total, r) => total + r.open, 0),
      ),
    streamErrors: sum("streamErrors"),
    pulses: sum("pulses"),
    pulseP99: max("pulseP99"),
    pulseErrors: sum("pulseErrors"),
    pokes: sum("pokes"),
    pokeP99: max("pokeP99"),
    writes: sum("writes"),
    writeErrors: sum("writeErrors"),
  };
}

export async function liveFigures({
  seconds = 30,
  minutes = 10,
  latency = true,
  capacity = true,
} = {}) {
  if (latency) await latencyFigures(seconds, minutes);
  if (capacity) await capacityFigures();
}

async function latencyFigures(seconds, minutes) {
  log("\nLive updates: the poke stream against the pulse alone (HANDOFF_LIVE=off), same run:");
  const rows = [];
  for (const [name, env] of MODES) {
    const row = await withServer(env, async (server) => {
      const { cookie } = await signedInCookie(server.url);
      const watch = await watching(server.url, cookie, seconds);
      const active = await activeDevice(server.url, cookie, minutes, env.HANDOFF_LIVE === "on");
      return { name, watch, active };
    });
    rows.push(row);
  }
  log(
    `  A types for ${seconds} s while B (also in use) shows each edit; then B alone, in use, nothing changing (${minutes} simulated minutes):`,
  );
  log(
    "  mode          edit A -> B: p50     p95     max   edits/min   304s/min: B    A   requests/min: B     A   in use, idle: requests/h  presence writes/h",
  );
  for (const { name, watch, active } of rows) {
    const s = watch.samples;
    const { a, b } = watch;
    log(
      `  ${name.padEnd(12)} ${ms(percentile(s, 50)).padStart(14)} ${ms(percentile(s, 95)).padStart(7)} ${ms(s.at(-1)).padStart(7)} ${watch.edits.toFixed(0).padStart(11)} ${b.notModified.toFixed(1).padStart(13)} ${a.notModified.toFixed(1).padStart(5)} ${b.requests.toFixed(1).padStart(18)} ${a.requests.toFixed(1).padStart(6)} ${active.requests.toFixed(0).padStart(24)} ${active.reports.toFixed(0).padStart(18)}`,
    );
  }
  const [live, off] = rows;
  log(
    `  ratios, stream / pulse only: p95 ${(percentile(live.watch.samples, 95) / percentile(off.watch.samples, 95)).toFixed(2)}x, store reads of a device in use ${(live.active.requests / off.active.requests).toFixed(3)}x`,
  );
  log(
    "  (each API request of a device is one point read of its control document; the feed's reads are per instance, below)",
  );
}

/**
 * Steps up the tabs on `target` until pulse p99 reaches 250 ms or poke p99 500 ms. Each step's
 * memory is read against the instances' before any stream, after a first step warmed them up
 * (what a step frees is not always given back to the system).
 */
async function capacitySteps(target, secret, steps) {
  await capacityStep(target, secret, 200, 0);
  const baseline = memoryOf(target);
  const results = [];
  for (const tabs of steps) {
    const step = await capacityStep(target, secret, tabs, baseline);
    results.push(step);
    log(
      `  ${String(tabs).padStart(6)} tabs: ${step.open} streams open (${step.streamErrors} refused), ~${(step.bytesPerStream / 1024).toFixed(1)} KB each; pulse p99 ${ms(step.pulseP99)} (${step.pulses}, ${step.pulseErrors} failed); poke p99 ${ms(step.pokeP99)} after the save was sent (${step.pokes} of ${step.writes} saves, ${step.writeErrors} failed)`,
    );
    if (step.pulseP99 >= 250 || step.pokeP99 >= 500 || step.streamErrors || step.pulseErrors) break;
  }
  const held = results
    .filter((s) => s.pulseP99 < 250 && s.pokeP99 < 500 && !s.streamErrors && !s.pulseErrors)
    .at(-1);
  log(`  held: ${held?.tabs ?? 0} tabs with pulse p99 < 250 ms and poke p99 < 500 ms`);
}

async function capacityFigures() {
  log(
    "\nCapacity of one instance: tabs with a stream each (own user), a safety pulse every 60 s, 20 saves/s by the 10% in use:",
  );
  const secret = newSecret();
  // The cap (10,000) would end the measurement.
  const env = { HANDOFF_LIVE_MAX_STREAMS: "30000" };
  const server = new TestServer({ port: freePortSync(), dataDir: newDataDir(), secret, env });
  await server.start();
  try {
    await capacitySteps(
      { url: server.url, pids: () => [server.pid] },
      secret,
      [1000, 2000, 5000, 10_000, 15_000, 19_000],
    );
  } finally {
    await server.stop("SIGTERM");
  }
  log(
    "  (a process here may hold 20,000 file descriptors: 19,000 is the most this machine can test on one instance)",
  );
  log(
    `  feed: one query per ${process.env.HANDOFF_LIVE_FEED_MS ?? 100} ms per instance, ${Math.round(3_600_000 / Number(process.env.HANDOFF_LIVE_FEED_MS ?? 100)).toLocaleString("en")} an hour, whatever the number of streams`,
  );

  log("\nThe same through nginx with 2 instances (npm run cluster; one SQLite file, both cores):");
  const cluster = await startCluster({ instances: 2, env: { ...env, NEXTAUTH_SECRET: secret } });
  try {
    await capacitySteps(
      { url: cluster.url, pids: () => cluster.instances.map((instance) => instance.pid) },
      secret,
      [5000, 10_000, 15_000, 19_000],
    );
  } finally {
    await cluster.stop();
  }
  log(
    "  (nginx holds two connections per stream: 2 workers of 9,500 streams each here, by the same descriptor limit)",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  liveFigures({
    latency: !process.argv.includes("--no-latency"),
    capacity: !process.argv.includes("--no-capacity"),
  }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

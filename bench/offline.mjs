// `npm run bench:offline` (also part of `npm run bench`): is Handoff installable, what the
// service worker costs a first visit, and how long a page takes to open from the device's copy
// against the network, same run. Needs a previous `next build`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium.mjs";
import { freePortSync, newDataDir, newSecret, TestServer } from "../e2e/support/server.mjs";
import { signedInCookie } from "../e2e/support/session-cookie.mjs";
import { contextWithCookie, percentile } from "./scale.mjs";

const log = (...line) => console.log(...line);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Resolves once the worker runs the page and every page of the app is kept. */
async function pagesKept(page) {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller || !(await caches.has("handoff-pages"))) return false;
    const kept = await (await caches.open("handoff-pages")).keys();
    return kept.length >= 9; // the owner and eight pages
  });
}

/** Milliseconds from navigation start to the drafts list on screen, `runs` times. */
async function timeToList(page, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    await page.getByRole("heading", { name: "Drafts" }).waitFor();
    await page.getByText("Offline notes").first().waitFor();
    // performance.now() counts from the navigation's start.
    samples.push(await page.evaluate(() => performance.now()));
  }
  return samples;
}

/**
 * Chromium's own verdict (what makes it offer "Install"), in a persistent profile: a private
 * context, as every test's, is never installable.
 */
async function installability(base) {
  const profile = mkdtempSync(path.join(tmpdir(), "handoff-install-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions,
    baseURL: base,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/drafts");
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    return installabilityErrors;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function offlineFigures() {
  const server = new TestServer({
    port: freePortSync(),
    dataDir: newDataDir(),
    secret: newSecret(),
  });
  await server.start();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const { cookie } = await signedInCookie(server.url);
    const context = await contextWithCookie(browser, server.url, cookie);
    const page = await context.newPage();
    let firstVisit = 0;
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    cdp.on("Network.loadingFinished", (event) => {
      firstVisit += event.encodedDataLength;
    });
    await page.goto("/drafts");
    await page.getByRole("button", { name: "New draft" }).click();
    await page.getByLabel("Title", { exact: true }).fill("Offline notes");
    await page
      .getByRole("status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    await pagesKept(page);
    const firstVisitBytes = firstVisit; // what came after is the reloads below

    const installabilityErrors = await installability(server.url);
    const manifest = await (await context.request.get("/manifest.webmanifest")).json();
    const worker = await context.request.get("/serwist/sw.js", {
      headers: { "Accept-Encoding": "gzip" },
    });
    const workerBytes = (await worker.body()).length;

    const online = await timeToList(page, 5);
    await server.stop();
    const offline = await timeToList(page, 5);

    log("\nOffline (issue 17): one signed-in device, Chromium, same run:");
    log(
      `  installable: ${installabilityErrors.length === 0 ? "yes" : `no (${installabilityErrors.map((e) => e.errorId).join(", ")})`}; manifest "${manifest.name}", display ${manifest.display}, start ${manifest.start_url}, ${manifest.icons.length} icons (${manifest.icons.map((i) => i.sizes).join(", ")})`,
    );
    log(
      `  first visit, everything the browser fetched (the page, its files, the worker, the precache, every page kept): ${kb(firstVisitBytes)}; the worker script: ${kb(workerBytes)} uncompressed`,
    );
    log(
      `  reload to the drafts list on screen: network p50 ${Math.round(percentile(online, 50))} ms; server gone, from the device's copy p50 ${Math.round(percentile(offline, 50))} ms (${(percentile(offline, 50) / percentile(online, 50)).toFixed(2)}x)`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  offlineFigures().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

// Lighthouse (mobile preset, default throttling) on every page, as a guest and signed in,
// against a production server: performance, accessibility, layout shift, console errors.
// Used by bench/run.mjs; Lighthouse drives Debian's Chromium (CHROME_PATH).
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromiumLaunchOptions } from "../e2e/support/chromium.mjs";
import { PAGES } from "../e2e/support/pages.mjs";

async function audit(port, url, cookie) {
  const result = await lighthouse(
    url,
    {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      extraHeaders: cookie ? { Cookie: cookie } : undefined,
    },
    undefined,
  );
  const { categories, audits, runtimeError } = result.lhr;
  return {
    error: runtimeError?.code ?? null,
    performance: Math.round((categories.performance.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
    cls: audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
    consoleErrors: audits["errors-in-console"]?.details?.items?.length ?? 0,
  };
}

/** One row per page and visitor. `cookie` is a signed-in session's Cookie header. */
export async function lighthouseTable(base, cookie) {
  const chrome = await launch({
    chromePath: chromiumLaunchOptions.executablePath,
    chromeFlags: ["--headless=new", ...chromiumLaunchOptions.args],
  });
  const rows = [];
  try {
    for (const who of ["guest", "signed in"]) {
      for (const path of PAGES) {
        const run = () => audit(chrome.port, `${base}${path}`, who === "guest" ? null : cookie);
        let row = await run();
        // Lighthouse 12.2 now and then fails to read this Chromium's trace (score 0, no CLS):
        // one more run, and the table says so if that fails too.
        if (row.error || row.performance === 0 || Number.isNaN(row.cls)) row = await run();
        rows.push({ who, path, ...row });
      }
    }
  } finally {
    await chrome.kill();
  }
  return rows;
}

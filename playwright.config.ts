import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium.mjs";
import { firefoxLaunchOptions } from "./e2e/support/firefox.mjs";
import {
  freePortSync,
  newDataDir,
  newSecret,
  serverCommand,
  serverEnv,
} from "./e2e/support/server.mjs";

// The config is evaluated again in every worker: keep the first choice in the environment.
process.env.E2E_PORT ??= String(freePortSync());
process.env.E2E_SECRET ??= newSecret();
process.env.E2E_DATA_DIR ??= newDataDir();
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * `npm test` runs the core suite, sized to stay near 10 minutes on a slow 2-core day;
 * `npm run test:extended` (E2E_EXTENDED=1) adds what takes long for what it adds each run: the
 * nginx cluster, the WebKit hand-off, and the rest of the cross-device tests in Firefox.
 */
const extended = process.env.E2E_EXTENDED === "1";
const EXTENDED_ONLY = [/cluster\.spec/, /cross-engine\.spec/];
/** Cross-device tests in Firefox: these always, the rest (below) in the extended run. */
const FIREFOX_CORE = [
  /\/tabs\.spec/,
  /guest-tabs\.spec/,
  /\/session-end\.spec/,
  /\/live\.spec/,
  /opens-offline\.spec/,
  /offline-update\.spec/,
  /\/trash\.spec/,
  /\/history\.spec/,
  /\/undo\.spec/,
];
const FIREFOX_EXTENDED = [
  /drafts-sync\.spec/,
  /conflicts\.spec/,
  /cart\.spec/,
  /apply\.spec/,
  /watch\.spec/,
  /offline\.spec/,
  /leave-page\.spec/,
];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  timeout: 60_000,
  // Generous: the machines that run this vary, and a condition met sooner ends the wait.
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: process.env.E2E_TRACE === "off" ? "off" : "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: extended ? [] : EXTENDED_ONLY,
      use: {
        ...devices["Desktop Chrome"],
        channel: undefined,
        launchOptions: chromiumLaunchOptions,
      },
    },
    {
      // Debian's Firefox ESR over WebDriver BiDi. It runs the cross-device tests of a user's
      // and a guest's tabs, the end of a session, the poke stream, opening offline, the Trash; with E2E_EXTENDED=1 also drafts,
      // conflicts, cart, application, playback, offline, leaving a page. The server-side
      // suites (security, cluster, API) and the single-device ones run in Chromium only.
      name: "firefox",
      testMatch: extended ? [...FIREFOX_CORE, ...FIREFOX_EXTENDED] : FIREFOX_CORE,
      use: {
        browserName: "firefox",
        channel: "moz-firefox",
        launchOptions: firefoxLaunchOptions,
      },
    },
  ],
  webServer: {
    command: serverCommand(port),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: serverEnv({ port, dataDir: process.env.E2E_DATA_DIR, secret: process.env.E2E_SECRET }),
    stdout: "ignore",
    stderr: "pipe",
  },
});

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

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        channel: undefined,
        launchOptions: chromiumLaunchOptions,
      },
    },
    {
      // Debian's Firefox ESR over WebDriver BiDi. It runs the cross-device tests (drafts,
      // conflicts, cart, application, playback, offline, leaving a page, tabs, a guest's tabs,
      // the end of a session); the server-side
      // suites (security, cluster, API) and the single-device ones run in Chromium only, so
      // that npm test stays under 10 minutes on 2 cores.
      name: "firefox",
      testMatch: [
        /drafts-sync\.spec/,
        /conflicts\.spec/,
        /cart\.spec/,
        /apply\.spec/,
        /watch\.spec/,
        /offline\.spec/,
        /leave-page\.spec/,
        /tabs\.spec/,
        /guest-tabs\.spec/,
        /session-end\.spec/,
      ],
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

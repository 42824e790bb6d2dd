import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium.mjs";
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
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
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

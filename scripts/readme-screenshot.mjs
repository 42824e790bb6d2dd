// Regenerates docs/two-browsers.png for the README: one user in two browsers side by side
// (separate browser contexts, as two devices), a draft typed on the left shown on the right.
//   npm run build && node scripts/readme-screenshot.mjs
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium.mjs";
import { freePortSync, newDataDir, newSecret, TestServer } from "../e2e/support/server.mjs";

const server = new TestServer({ port: freePortSync(), dataDir: newDataDir(), secret: newSecret() });
await server.start();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const account = { email: "ada@example.com", password: "correct horse" };
  await fetch(`${server.url}/api/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(account),
  });
  const open = async (viewport) => {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/drafts$/);
    return page;
  };
  const laptop = await open({ width: 900, height: 600 });
  const phone = await open({ width: 390, height: 600 });

  await laptop.getByRole("button", { name: "New draft" }).click();
  await laptop.getByLabel("Title", { exact: true }).fill("Trip to Lisbon");
  await laptop
    .getByLabel("Body", { exact: true })
    .fill("Started on the laptop:\n- book the train\n- pack the charger");
  await phone.getByRole("button", { name: /^Trip to Lisbon/ }).click({ timeout: 5000 });
  await phone.getByLabel("Body", { exact: true }).press("Control+End");
  await phone
    .getByLabel("Body", { exact: true })
    .pressSequentially("\n- finished on the phone", { delay: 20 });
  await laptop
    .getByRole("status")
    .filter({ hasText: /^Saved$/ })
    .waitFor();
  await laptop.getByLabel("Body", { exact: true }).evaluate((el) => el.blur());
  await laptop.waitForFunction(() =>
    document.querySelector("textarea")?.value.includes("finished on the phone"),
  );
  await phone
    .getByRole("status")
    .filter({ hasText: /^Saved$/ })
    .waitFor();

  const shots = await Promise.all([laptop.screenshot(), phone.screenshot()]);
  const [left, right] = shots.map((png) => `data:image/png;base64,${png.toString("base64")}`);
  const canvas = await (
    await browser.newContext({ viewport: { width: 1340, height: 680 } })
  ).newPage();
  await canvas.setContent(`<body style="margin:0;background:#e9e9ee;font:15px system-ui;display:flex;gap:20px;padding:20px;align-items:flex-start">
    <figure style="margin:0"><img src="${left}" style="border-radius:8px;box-shadow:0 2px 12px #0003"><figcaption>Browser A (laptop)</figcaption></figure>
    <figure style="margin:0"><img src="${right}" style="border-radius:8px;box-shadow:0 2px 12px #0003"><figcaption>Browser B (phone), same account</figcaption></figure>
  </body>`);
  await canvas.screenshot({ path: "docs/two-browsers.png" });
  console.log("wrote docs/two-browsers.png");
} finally {
  await browser.close();
  await server.stop();
}

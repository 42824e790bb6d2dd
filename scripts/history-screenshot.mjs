// Regenerates docs/history-and-trash.png for the README: a draft's History on the laptop (a
// version the phone typed over, one restored) beside the Trash on the phone.
//   npm run build && node scripts/history-screenshot.mjs
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
  const open = async (viewport, userAgent) => {
    const context = await browser.newContext({ baseURL: server.url, viewport, userAgent });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/drafts$/);
    return page;
  };
  const laptop = await open({ width: 900, height: 820 });
  // A phone's User-Agent, so History names it as one.
  const phone = await open(
    { width: 390, height: 820 },
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
  );
  const body = (page) => page.getByLabel("Body", { exact: true });
  const saved = (page) =>
    page
      .getByRole("status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();

  for (const title of ["Old shopping list", "Notes from Tuesday"]) {
    await laptop.getByRole("button", { name: "New draft" }).click();
    await laptop.getByLabel("Title", { exact: true }).fill(title);
    await body(laptop).fill(`${title}: milk, bread, and a few more things`);
    await saved(laptop);
    await laptop.getByRole("button", { name: "Delete", exact: true }).click();
    await laptop.getByRole("button", { name: "Confirm delete" }).click();
  }
  await laptop.getByRole("button", { name: "New draft" }).click();
  await laptop.getByLabel("Title", { exact: true }).fill("Trip to Lisbon");
  await body(laptop).fill("Lisbon in May.\n- book the train\n- pack the charger");
  await saved(laptop);
  await phone.getByRole("button", { name: /^Trip to Lisbon/ }).click();
  await body(phone).fill("Porto in June.\n- book the train\n- pack the charger\n- sunscreen");
  await saved(phone);
  await laptop.waitForFunction(() => document.querySelector("textarea")?.value.includes("Porto"));
  await laptop.getByRole("button", { name: "History" }).click();
  await laptop.getByRole("region", { name: "History" }).getByRole("listitem").first().click();
  await laptop.getByRole("button", { name: "Restore this version" }).click();
  await saved(laptop);
  await laptop.getByRole("region", { name: "History" }).getByText("Porto in June").waitFor();
  await phone.goto("/trash");
  await phone.getByRole("list", { name: "Trash" }).getByRole("listitem").nth(1).waitFor();

  const shots = await Promise.all([laptop.screenshot(), phone.screenshot()]);
  const [left, right] = shots.map((png) => `data:image/png;base64,${png.toString("base64")}`);
  const canvas = await (
    await browser.newContext({ viewport: { width: 1340, height: 900 } })
  ).newPage();
  await canvas.setContent(`<body style="margin:0;background:#e9e9ee;font:15px system-ui;display:flex;gap:20px;padding:20px;align-items:flex-start">
    <figure style="margin:0"><img src="${left}" style="border-radius:8px;box-shadow:0 2px 12px #0003"><figcaption>Laptop: a draft's History, an earlier version restored</figcaption></figure>
    <figure style="margin:0"><img src="${right}" style="border-radius:8px;box-shadow:0 2px 12px #0003"><figcaption>Phone: the Trash, same account</figcaption></figure>
  </body>`);
  await canvas.screenshot({ path: "docs/history-and-trash.png" });
  console.log("wrote docs/history-and-trash.png");
} finally {
  await browser.close();
  await server.stop();
}

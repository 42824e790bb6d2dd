import { firefox } from "@playwright/test";
import { bodyField, draftInList, newDraft, saveStatus } from "./support/drafts-page";
import { firefoxLaunchOptions } from "./support/firefox.mjs";
import { type Account, expect, signIn, test } from "./support/fixtures";
import { WebKitDevice } from "./support/webkit";

/** Device B: Firefox, its own browser, signed in as `account`, showing `path`. */
async function firefoxDevice(account: Account, baseURL: string | undefined, path: string) {
  const browser = await firefox.launch({ channel: "moz-firefox", ...firefoxLaunchOptions });
  const context = await browser.newContext({ baseURL });
  await signIn(context, account);
  const page = await context.newPage();
  await page.goto(path);
  return { browser, page };
}

// One user, three engines: device A in Chromium (this project's browser), B in Firefox
// (Playwright over WebDriver BiDi), C in WebKit (MiniBrowser over WebKitWebDriver). Only the
// chromium project runs this file (the firefox project's testMatch leaves it out).
test.describe("start in Chrome, continue in Firefox, finish in Safari's engine", () => {
  test("a draft is started in A, continued in B and finished in C, each edit visible in the others", async ({
    openDevices,
    account,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const [a] = await openDevices(1);
    const { browser: firefoxBrowser, page: b } = await firefoxDevice(account, baseURL, "/drafts");
    const c = await WebKitDevice.open(baseURL ?? "", a.context);
    try {
      await newDraft(a.page, { title: "Three engines", body: "Started in Chromium." });
      await draftInList(b, "Three engines").click();
      await expect(bodyField(b)).toHaveValue("Started in Chromium.");
      // Focus puts Firefox's caret at the start: go to the end, as a person clicking there would.
      await bodyField(b).press("Control+End");
      await bodyField(b).pressSequentially(" Continued in Firefox.");
      await expect(saveStatus(b)).toHaveText("Saved");
      await expect(bodyField(a.page)).toHaveValue("Started in Chromium. Continued in Firefox.", {});

      await c.goto("/drafts");
      await c.click("Three engines");
      await c.until(
        async () => (await c.value("Body")) === "Started in Chromium. Continued in Firefox.",
        "B's edit in C",
      );
      await c.type("Body", " Finished in WebKit.");
      await c.until(async () => (await c.text("[role=status]")) === "Saved", "C's save");
      const all = "Started in Chromium. Continued in Firefox. Finished in WebKit.";
      await expect(bodyField(a.page)).toHaveValue(all);
      await expect(bodyField(b)).toHaveValue(all);
    } finally {
      await c.close();
      await firefoxBrowser.close();
    }
  });

  test("the cart badge and the application step follow the user across the three engines", async ({
    openDevices,
    account,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const [a] = await openDevices(1, { path: "/shop" });
    const { browser: firefoxBrowser, page: b } = await firefoxDevice(account, baseURL, "/shop");
    const c = await WebKitDevice.open(baseURL ?? "", a.context);
    try {
      await a.page.getByRole("button", { name: "Add Enamel mug to cart" }).click();
      await expect(b.getByTestId("cart-badge")).toHaveText(/^1/);
      await b.getByRole("button", { name: "Add Fine-liner pen to cart" }).click();
      await expect(a.page.getByTestId("cart-badge")).toHaveText(/^2/);
      await c.goto("/shop");
      await c.until(
        async () => (await c.text("[data-testid=cart-badge]")).startsWith("2"),
        "the badge in C",
      );
      await c.click("Add");
      await expect(a.page.getByTestId("cart-badge")).toHaveText(/^3/);
      await expect(b.getByTestId("cart-badge")).toHaveText(/^3/);

      await a.page.goto("/apply");
      await a.page.getByRole("button", { name: "Next" }).click();
      await a.page.getByLabel("Full name").fill("Ada Lovelace");
      await a.page.getByLabel("Contact email").fill("ada@example.com");
      await a.page.getByRole("button", { name: "Next" }).click();
      await expect(saveStatus(a.page)).toHaveText("Saved");
      await b.goto("/apply");
      await expect(b.getByRole("heading", { level: 2 })).toHaveText("Step 2 of 4: Membership");
      await c.goto("/apply");
      await c.until(
        async () => (await c.text("h2")) === "Step 2 of 4: Membership",
        "the step in C",
      );
    } finally {
      await c.close();
      await firefoxBrowser.close();
    }
  });
});

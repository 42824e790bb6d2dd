import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./support/fixtures";
import { PAGES } from "./support/pages.mjs";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

for (const who of ["guest", "signed in"] as const) {
  test(`every page passes axe (WCAG 2.1 A/AA, serious and critical) as ${who}`, async ({
    browser,
    baseURL,
    account,
  }) => {
    const context = await browser.newContext({ baseURL });
    if (who === "signed in") await signIn(context, account);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    for (const path of PAGES) {
      await page.goto(path);
      // Scanned once the page shows what it loads, not its loading state.
      await expect(page.getByText(/Loading/)).toHaveCount(0);
      const violations = await seriousViolations(page);
      if (violations.length) found[path] = violations;
    }
    expect(found).toEqual({});
    await context.close();
  });
}

/** Presses Tab until the focused element's accessible name matches; checks its focus ring. */
async function tabTo(page: Page, name: RegExp) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const label =
        element.getAttribute("aria-label") ??
        (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null) ??
        element.textContent ??
        "";
      const style = getComputedStyle(element);
      return {
        label: label.trim(),
        ring:
          element.matches(":focus-visible") &&
          style.outlineStyle !== "none" &&
          parseFloat(style.outlineWidth) > 0,
      };
    });
    if (focused && name.test(focused.label)) {
      expect(focused.ring, `a visible focus ring on "${focused.label}"`).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${name}`);
}

test("sign in, write a draft, add to cart and check out with the keyboard alone", async ({
  page,
  account,
}) => {
  await page.goto("/signin");
  await tabTo(page, /^Email$/);
  await page.keyboard.type(account.email);
  await tabTo(page, /^Password$/);
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/drafts$/);

  await tabTo(page, /^New draft$/);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Title", { exact: true })).toBeVisible();
  await tabTo(page, /^Title$/);
  await page.keyboard.type("Typed without a mouse");
  await expect(page.getByRole("status")).toHaveText("Saved");

  await tabTo(page, /^Shop$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/shop$/);
  await tabTo(page, /^Add Enamel mug to cart$/);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cart-badge")).toHaveText(/^1/);

  await tabTo(page, /^Cart/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cart$/);
  await tabTo(page, /^Check out$/);
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Order placed|Thank you/i)).toBeVisible();
});

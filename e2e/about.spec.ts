import { newDraft } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("/about lists what this browser holds right now, for a guest", async ({ page }) => {
  await page.goto("/about");
  await expect(page.getByText("You are a guest")).toBeVisible();
  await expect(page.locator("code", { hasText: "handoff:guest" })).toHaveCount(0);

  await page.goto("/shop");
  await page.getByLabel("Search").fill("tote");
  await page.getByRole("button", { name: "Add Canvas tote to cart" }).click();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Your data" })
    .click();
  await expect(page.locator("code", { hasText: "handoff:guest" })).toBeVisible();
  await expect(page.locator("code", { hasText: "handoff:workspace" })).toBeVisible();
});

test("/about shows a signed-in user's session and account, and the outbox while offline", async ({
  openDevices,
}) => {
  const [device] = await openDevices(1);
  const { page, context } = device;
  await newDraft(page, { title: "Counted" });
  const about = await context.newPage();
  await about.goto("/about");
  await expect(about.getByText("You are signed in")).toBeVisible();
  await expect(about.getByTestId("account-counts")).toContainText("1 draft,");
  await expect(about.locator("code", { hasText: /^handoff:outbox:/ })).toHaveCount(0);

  // An edit made offline in the other tab shows up here, live, while it waits.
  await context.setOffline(true);
  await page.getByLabel("Body", { exact: true }).fill("waiting in the outbox");
  await expect(about.locator("code", { hasText: /^handoff:outbox:/ })).toBeVisible();
  await context.setOffline(false);
  await expect(about.locator("code", { hasText: /^handoff:outbox:/ })).toHaveCount(0, {
    timeout: 10_000,
  });
});

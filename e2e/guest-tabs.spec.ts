import { bodyField, draftInList, saveStatus, titleField } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("a guest's two tabs see each other's edits live: drafts, the cart badge, the application step", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const [first, second] = [await context.newPage(), await context.newPage()];
  const apiCalls: string[] = [];
  for (const tab of [first, second])
    tab.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) apiCalls.push(request.url());
    });
  for (const tab of [first, second]) await tab.goto("/drafts");

  // A draft made in one tab shows up in the other's list, and typing follows as it happens.
  await first.getByRole("button", { name: "New draft" }).click();
  await titleField(first).fill("Shared idea");
  await draftInList(second, "Shared idea").click();
  await expect(bodyField(second)).toHaveValue("");
  await bodyField(first).pressSequentially("typed in the first tab", { delay: 10 });
  await expect(bodyField(second)).toHaveValue("typed in the first tab");
  await expect(saveStatus(second)).toHaveText("Saved on this device");
  await titleField(second).fill("Shared idea, renamed in the second");
  await expect(titleField(first)).toHaveValue("Shared idea, renamed in the second");
  await expect(saveStatus(first)).toHaveText("Saved on this device");

  // The cart badge moves in the other tab.
  await first.goto("/shop");
  await first.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  await expect(second.getByTestId("cart-badge")).toHaveText(/^1/);
  await first.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  await expect(second.getByTestId("cart-badge")).toHaveText(/^2/);

  // The application opens at the step the other tab is at, and follows it.
  await second.goto("/apply");
  await first.goto("/apply");
  await first.getByLabel("Full name").fill("Grace Hopper");
  await first.getByLabel("Contact email").fill("grace@example.com");
  await first.getByRole("button", { name: "Next" }).click();
  await expect(second.getByRole("heading", { name: /^Step 2 of 4/ })).toBeVisible();
  await second.getByRole("button", { name: "Back" }).click();
  await expect(second.getByLabel("Full name")).toHaveValue("Grace Hopper");
  await expect(first.getByRole("heading", { name: /^Step 1 of 4/ })).toBeVisible();

  // None of it went anywhere.
  expect(apiCalls).toEqual([]);
  await context.close();
});

test("a guest's draft typed and closed within 100 ms is there in the next tab", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/drafts");
  await page.getByRole("button", { name: "New draft" }).click();
  await titleField(page).fill("Quick");
  await expect(saveStatus(page)).toHaveText("Saved on this device");
  await bodyField(page).pressSequentially("typed just before closing", { delay: 0 });
  await page.close({ runBeforeUnload: true });

  // Saved as the page went, or kept in the outbox and written by the next page.
  const next = await context.newPage();
  await next.goto("/drafts");
  await draftInList(next, "Quick").click();
  await expect(bodyField(next)).toHaveValue("typed just before closing");
  await context.close();
});

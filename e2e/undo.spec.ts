import type { Page } from "@playwright/test";
import { saveStatus } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

const badge = (page: Page) => page.getByTestId("cart-badge");
const undoButton = (page: Page) => page.getByRole("button", { name: "Undo", exact: true });

test("a cart line removed on the phone is put back from the laptop, with what was added since", async ({
  openDevices,
}) => {
  const [laptop, phone] = await openDevices(2, { path: "/shop" });
  await laptop.page.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  await laptop.page.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  await expect(badge(phone.page)).toHaveText(/^2/);

  await phone.page.getByRole("link", { name: /^Cart/ }).click();
  await phone.page.getByRole("button", { name: "Remove Enamel mug" }).click();
  await expect(badge(laptop.page)).toHaveCount(0);
  // Every device offers it, named, and says where it was done.
  for (const { page } of [laptop, phone])
    await expect(page.getByText(/^Undo: removed Enamel mug/)).toHaveText(
      /^Undo: removed Enamel mug \(on (Chrome|Firefox) on \w+\)$/,
    );

  // The laptop adds a pen, then undoes the phone's removal: the undo merges like any save,
  // so the mugs come back beside the pen.
  await laptop.page.getByRole("button", { name: "Add Fine-liner pen to cart" }).click();
  await expect(badge(phone.page)).toHaveText(/^1/);
  await undoButton(laptop.page).click();
  await expect(laptop.page.getByText("Undone: removed Enamel mug.")).toBeVisible();
  await expect(badge(laptop.page)).toHaveText(/^3/);
  await expect(phone.page.getByLabel("Quantity of Enamel mug")).toHaveValue("2");
  await expect(phone.page.getByLabel("Quantity of Fine-liner pen")).toHaveValue("1");
  await expect(phone.page.getByText(/^Undo: removed/)).toHaveCount(0);
  // Done once: the same undo again is refused, and changes nothing.
  const again = await laptop.context.request.get("/api/undo");
  expect((await again.json()).undo).toBeNull();
});

test("an application step cleared on one device is filled again from the other", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2, { path: "/apply" });
  await a.page.getByLabel("Full name").fill("Ada Lovelace");
  await a.page.getByLabel("Contact email").fill("ada@example.com");
  await expect(saveStatus(a.page)).toHaveText("Saved");
  await expect(b.page.getByLabel("Full name")).toHaveValue("Ada Lovelace");

  await b.page.getByRole("button", { name: "Clear this step" }).click();
  await b.page.getByRole("button", { name: "Clear answers" }).click();
  await expect(a.page.getByLabel("Full name")).toHaveValue("");
  await expect(a.page.getByText(/^Undo: cleared “About you”/)).toBeVisible();

  await undoButton(a.page).click();
  await expect(a.page.getByText("Undone: cleared “About you”.")).toBeVisible();
  await expect(a.page.getByLabel("Full name")).toHaveValue("Ada Lovelace");
  await expect(b.page.getByLabel("Contact email")).toHaveValue("ada@example.com");
});

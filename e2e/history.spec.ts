import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { bodyField, draftInList, newDraft, saveStatus } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

const history = (page: Page) => page.getByRole("region", { name: "History" });
const versions = (page: Page) => history(page).getByRole("listitem");
const undoOffer = (page: Page) => page.getByText(/^Undo: restored/);

const MAY = "Lisbon in May.\nPack light.";
const JUNE = "Porto in June.\nPack light.";

test("History keeps the version another device typed over; restored on the laptop it reaches the phone, and the phone undoes it while the laptop types on", async ({
  openDevices,
}) => {
  const [laptop, phone] = await openDevices(2);
  await newDraft(laptop.page, { title: "Trip", body: MAY });
  await draftInList(phone.page, "Trip").click();
  await expect(bodyField(phone.page)).toHaveValue(MAY);

  // The phone rewrites it: the laptop's version is kept, as another device's.
  await bodyField(phone.page).fill(JUNE);
  await expect(saveStatus(phone.page)).toHaveText("Saved");
  await expect(bodyField(laptop.page)).toHaveValue(JUNE);
  await laptop.page.getByRole("button", { name: "History" }).click();
  await expect(versions(laptop.page)).toHaveCount(1);
  await expect(versions(laptop.page).first()).toContainText("Lisbon in May. Pack light.");
  await expect(versions(laptop.page).first()).toContainText(/(Chrome|Firefox) on \w+/);

  // Read whole, then restored: an ordinary save, which the phone gets without a reload.
  await versions(laptop.page).first().getByRole("button").click();
  await expect(history(laptop.page).locator(".history-body")).toHaveText(MAY);
  const { violations } = await new AxeBuilder({ page: laptop.page })
    .include("[aria-label='History']")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);
  await history(laptop.page).getByRole("button", { name: "Restore this version" }).click();
  await expect(bodyField(laptop.page)).toHaveValue(MAY);
  await expect(saveStatus(laptop.page)).toHaveText("Saved");
  await expect(history(laptop.page)).toContainText("Restored the version of");
  await expect(bodyField(phone.page)).toHaveValue(MAY);
  // The version the restore replaced is history too.
  await expect(versions(laptop.page).filter({ hasText: "Porto in June" })).toHaveCount(1);
  for (const { page } of [laptop, phone])
    await expect(undoOffer(page)).toHaveText(
      /^Undo: restored an earlier version of “Trip” \(on (Chrome|Firefox) on \w+\)$/,
    );

  // The laptop goes on writing; the phone then undoes the restore. The undo merges: the
  // words the restore took away come back, and the line the laptop added since stays.
  await bodyField(laptop.page).fill(`${MAY}\nBook a hotel.`);
  await expect(saveStatus(laptop.page)).toHaveText("Saved");
  await expect(bodyField(phone.page)).toHaveValue(`${MAY}\nBook a hotel.`);
  await phone.page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(phone.page.getByText(/^Undone: restored an earlier version/)).toBeVisible();
  await expect(bodyField(phone.page)).toHaveValue(`${JUNE}\nBook a hotel.`);
  await expect(bodyField(laptop.page)).toHaveValue(`${JUNE}\nBook a hotel.`);
  await expect(undoOffer(laptop.page)).toHaveCount(0);
  // What the undo replaced is kept in the History too: nothing written is ever lost.
  await expect(versions(laptop.page).filter({ hasText: "Book a hotel." })).toHaveCount(1);
});

test("History is empty for a new draft, says why, and answers in the error shape for what is not there", async ({
  openDevices,
}) => {
  const [device] = await openDevices(1);
  const { page, context } = device;
  await newDraft(page, { title: "Fresh", body: "nothing kept yet" });
  await page.getByRole("button", { name: "History" }).click();
  await expect(history(page)).toContainText("No earlier versions yet.");
  await page.getByRole("button", { name: "Close history" }).click();
  await expect(history(page)).toHaveCount(0);

  const { drafts } = await (await context.request.get("/api/drafts")).json();
  const id = drafts[0].id as string;
  for (const path of [
    `/api/drafts/${id}/history/1`,
    `/api/drafts/${id}/history/x`,
    "/api/drafts/00000000-0000-4000-8000-000000000000/history",
  ]) {
    const response = await context.request.get(path);
    expect(response.status(), path).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  }
});

import type { Page } from "@playwright/test";
import { bodyField, draftInList, newDraft, saveStatus, titleField } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

const deleteOpenDraft = async (page: Page) => {
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
};
const undoOffer = (page: Page) => page.getByText(/^Undo: deleted/);
const inTrash = (page: Page, title: string) =>
  page.getByRole("list", { name: "Trash" }).getByRole("listitem").filter({ hasText: title });

test("a deleted draft waits in the Trash of every device: restored on one, it is back on the other with its text", async ({
  openDevices,
}) => {
  const [laptop, phone] = await openDevices(2);
  await newDraft(laptop.page, { title: "Packing list", body: "charger, passport" });
  await bodyField(laptop.page).press("End");
  await bodyField(laptop.page).pressSequentially(", socks", { delay: 5 });
  await expect(saveStatus(laptop.page)).toHaveText("Saved");
  await expect(draftInList(phone.page, "Packing list")).toBeVisible();

  await deleteOpenDraft(laptop.page);
  await expect(draftInList(phone.page, "Packing list")).toHaveCount(0);
  // Both devices offer to undo it, and say where it was done.
  for (const { page } of [laptop, phone])
    await expect(undoOffer(page)).toHaveText(
      /^Undo: deleted “Packing list” \(on (Chrome|Firefox) on \w+\)$/,
    );

  // The phone finds it in its Trash, and puts it back.
  await phone.page.getByRole("link", { name: "Trash" }).click();
  const entry = inTrash(phone.page, "Packing list");
  await expect(entry).toContainText("charger, passport, socks");
  await expect(entry).toContainText("gone for good in 30 days");
  await entry.getByRole("button", { name: "Restore" }).click();
  await expect(phone.page.getByRole("status")).toContainText(
    "“Packing list” is back in your drafts.",
  );
  await expect(phone.page.getByText("The Trash is empty.")).toBeVisible();
  // Put back some other way, it is no longer offered for undo anywhere.
  for (const { page } of [laptop, phone]) await expect(undoOffer(page)).toHaveCount(0);

  // The laptop has not reloaded: the draft comes back to its list, with its text.
  await draftInList(laptop.page, "Packing list").click();
  await expect(bodyField(laptop.page)).toHaveValue("charger, passport, socks");
  // And it is an ordinary draft again: an edit here reaches the phone.
  await bodyField(laptop.page).press("End");
  await bodyField(laptop.page).pressSequentially(", map", { delay: 5 });
  await expect(saveStatus(laptop.page)).toHaveText("Saved");
  await phone.page.getByRole("link", { name: "Open it" }).click();
  await expect(bodyField(phone.page)).toHaveValue("charger, passport, socks, map");

  // Deleted for good from the phone's Trash: gone from the laptop's too.
  await deleteOpenDraft(phone.page);
  await laptop.page.goto("/trash");
  await expect(inTrash(laptop.page, "Packing list")).toBeVisible();
  await phone.page.goto("/trash");
  await inTrash(phone.page, "Packing list")
    .getByRole("button", { name: "Delete “Packing list” for good" })
    .click();
  await expect(phone.page.getByText("The Trash is empty.")).toBeVisible();
  await expect(laptop.page.getByText("The Trash is empty.")).toBeVisible();
});

test("a delete is undone from another device, exactly the one it saw, and the Trash empties in one go", async ({
  openDevices,
}) => {
  const [device, phone] = await openDevices(2);
  const { page } = device;
  for (const title of ["Keep me", "Old idea", "Older idea"])
    await newDraft(page, { title, body: title });
  // The phone has the draft open when the laptop deletes it.
  await draftInList(phone.page, "Keep me").click();
  await expect(bodyField(phone.page)).toHaveValue("Keep me");
  await draftInList(page, "Keep me").click();
  await deleteOpenDraft(page);
  await expect(draftInList(page, "Keep me")).toHaveCount(0);
  await expect(saveStatus(phone.page)).toHaveText("Deleted on another device");
  // The phone undoes what the laptop did: its editor is a working editor again, and the
  // laptop gets the draft back without a reload.
  await expect(undoOffer(phone.page)).toContainText("deleted “Keep me”");
  await phone.page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(phone.page.getByText("Undone: deleted “Keep me”.")).toBeVisible();
  await expect(saveStatus(phone.page)).toHaveText("Saved");
  await expect(titleField(phone.page)).toHaveValue("Keep me");
  await bodyField(phone.page).press("End");
  await bodyField(phone.page).pressSequentially(", kept", { delay: 5 });
  await expect(saveStatus(phone.page)).toHaveText("Saved");
  await draftInList(page, "Keep me").click();
  await expect(bodyField(page)).toHaveValue("Keep me, kept");
  await expect(undoOffer(page)).toHaveCount(0);
  expect((await (await device.context.request.get("/api/undo")).json()).undo).toBeNull();

  for (const title of ["Old idea", "Older idea"]) {
    await draftInList(page, title).click();
    await deleteOpenDraft(page);
    await expect(draftInList(page, title)).toHaveCount(0);
  }
  // An undo names the action it saw: once another action replaced it, it is refused (412).
  const offered = await device.context.request.get("/api/undo");
  expect((await offered.json()).undo.label).toBe("deleted “Older idea”");
  const version = Number(/\d+/.exec(offered.headers().etag ?? "")?.[0]);
  const stale = await device.context.request.post("/api/undo", {
    headers: { "If-Match": `"v${version - 1}"` },
  });
  expect(stale.status()).toBe(412);
  expect((await stale.json()).current.label).toBe("deleted “Older idea”");
  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("list", { name: "Trash" }).getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Empty Trash" }).click();
  await page.getByRole("button", { name: "Delete 2 drafts for good" }).click();
  await expect(page.getByText("The Trash is empty.")).toBeVisible();
  const { trash } = await (await device.context.request.get("/api/trash")).json();
  expect(trash).toEqual([]);
  // Restoring what is no longer there says so, in the API's error shape.
  const missing = await device.context.request.post(
    "/api/trash/00000000-0000-4000-8000-000000000000/restore",
  );
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
});

test("a guest's Trash is in the browser: delete, restore, and nothing sent anywhere", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const apiCalls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/")) apiCalls.push(request.url());
  });
  await page.goto("/drafts");
  await page.getByRole("button", { name: "New draft" }).click();
  await titleField(page).fill("Guest thought");
  await bodyField(page).fill("kept in this browser");
  await expect(saveStatus(page)).toHaveText("Saved on this device");
  await deleteOpenDraft(page);
  await expect(draftInList(page, "Guest thought")).toHaveCount(0);

  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByText("in this browser, then they are gone for good")).toBeVisible();
  await inTrash(page, "Guest thought").getByRole("button", { name: "Restore" }).click();
  await page.getByRole("link", { name: "Open it" }).click();
  await expect(bodyField(page)).toHaveValue("kept in this browser");
  // Still there after a reload: the Trash and the draft live in localStorage.
  await page.reload();
  await draftInList(page, "Guest thought").click();
  await expect(bodyField(page)).toHaveValue("kept in this browser");
  expect(apiCalls).toEqual([]);
  await context.close();
});

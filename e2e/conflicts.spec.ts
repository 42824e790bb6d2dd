import type { APIRequestContext } from "@playwright/test";
import { storedDrafts } from "./support/drafts-api";
import { bodyField, draftInList, newDraft, saveStatus, titleField } from "./support/drafts-page";
import { type Device, expect, test } from "./support/fixtures";

type Draft = { id: string; title: string; body: string };

const allDrafts = (api: APIRequestContext): Promise<Draft[]> => storedDrafts(api);

async function openSharedDraft(a: Device, b: Device, fields: { title: string; body: string }) {
  await newDraft(a.page, fields);
  await draftInList(b.page, fields.title).click();
  await expect(bodyField(b.page)).toHaveValue(fields.body);
}

test("two devices edit different fields at the same moment: both edits survive", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2);
  await openSharedDraft(a, b, { title: "Plan", body: "draft body" });

  await Promise.all([
    titleField(a.page).fill("Plan, title from A"),
    bodyField(b.page).fill("body from B"),
  ]);
  await Promise.all([
    expect(saveStatus(a.page)).toHaveText("Saved"),
    expect(saveStatus(b.page)).toHaveText("Saved"),
  ]);

  for (const device of [a, b]) {
    await expect(titleField(device.page)).toHaveValue("Plan, title from A");
    await expect(bodyField(device.page)).toHaveValue("body from B");
  }
  const [stored] = await allDrafts(a.context.request);
  expect(stored).toMatchObject({ title: "Plan, title from A", body: "body from B" });
});

test("both devices edit different words of the body at once: the texts are merged", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2);
  await openSharedDraft(a, b, { title: "Merge", body: "one two three" });

  await Promise.all([
    bodyField(a.page).fill("zero one two three"),
    bodyField(b.page).fill("one two three four"),
  ]);
  for (const device of [a, b]) {
    await expect(bodyField(device.page)).toHaveValue("zero one two three four");
    await expect(saveStatus(device.page)).toHaveText("Saved");
  }
  expect(await allDrafts(a.context.request)).toHaveLength(1);
});

test("both devices rewrite the same text: nothing is lost, the other version becomes a conflict copy", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2);
  await openSharedDraft(a, b, { title: "Colour", body: "The colour is red" });

  await Promise.all([
    bodyField(a.page).fill("The colour is blue"),
    bodyField(b.page).fill("The colour is green"),
  ]);
  await Promise.all([
    expect(saveStatus(a.page)).toHaveText("Saved"),
    expect(saveStatus(b.page)).toHaveText("Saved"),
  ]);

  // Whichever device saved second was told, and the other text lives on in a copy.
  const told = async () =>
    (await a.page.getByRole("alert").allTextContents()).concat(
      await b.page.getByRole("alert").allTextContents(),
    );
  await expect.poll(told).toContainEqual(expect.stringContaining("“Colour (conflict copy)”"));
  await expect
    .poll(async () => (await allDrafts(a.context.request)).map((d) => d.body).sort(), {})
    .toEqual(["The colour is blue", "The colour is green"]);
  const titles = (await allDrafts(a.context.request)).map((d) => d.title).sort();
  expect(titles).toEqual(["Colour", "Colour (conflict copy)"]);
  await expect(draftInList(a.page, "Colour \\(conflict copy\\)")).toBeVisible();
});

import { storedDrafts } from "./support/drafts-api";
import { bodyField, draftInList, newDraft, saveStatus, titleField } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("two tabs of one browser see each other's edits at once, without waiting for a poll", async ({
  openDevices,
}) => {
  const [device] = await openDevices(1);
  const first = device.page;
  await newDraft(first, { title: "Two tabs", body: "" });
  const second = await device.context.newPage();
  await second.goto("/drafts");
  await draftInList(second, "Two tabs").click();
  await expect(bodyField(second)).toHaveValue("");

  // Neither tab may fetch anything now (its pulse and refetches fail): what reaches one from
  // the other comes through the BroadcastChannel alone. Saves still go out.
  for (const tab of [first, second])
    await tab.route(/\/api\//, (route) =>
      route.request().method() === "GET" ? route.abort() : route.continue(),
    );
  await bodyField(first).fill("typed in the first tab");
  await expect(bodyField(second)).toHaveValue("typed in the first tab");
  await expect(saveStatus(second)).toHaveText("Saved");

  await titleField(second).fill("Two tabs, renamed in the second");
  await expect(titleField(first)).toHaveValue("Two tabs, renamed in the second");
  await expect(saveStatus(first)).toHaveText("Saved");
  await expect(saveStatus(second)).toHaveText("Saved");

  const drafts = await storedDrafts(device.context.request);
  expect(drafts).toEqual([
    expect.objectContaining({
      title: "Two tabs, renamed in the second",
      body: "typed in the first tab",
    }),
  ]);
});

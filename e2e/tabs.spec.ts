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

  // Pulses come once a second at best; 300 ms is well inside that, so only the
  // BroadcastChannel can deliver these in time.
  await bodyField(first).fill("typed in the first tab");
  await expect(bodyField(second)).toHaveValue("typed in the first tab", { timeout: 300 });
  await expect(saveStatus(second)).toHaveText("Saved", { timeout: 3_000 });

  await titleField(second).fill("Two tabs, renamed in the second");
  await expect(titleField(first)).toHaveValue("Two tabs, renamed in the second", { timeout: 300 });
  await expect(saveStatus(first)).toHaveText("Saved", { timeout: 3_000 });
  await expect(saveStatus(second)).toHaveText("Saved");

  const drafts = await storedDrafts(device.context.request);
  expect(drafts).toEqual([
    expect.objectContaining({
      title: "Two tabs, renamed in the second",
      body: "typed in the first tab",
    }),
  ]);
});

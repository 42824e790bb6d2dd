import { bodyField, draftInList, newDraft, saveStatus, titleField } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("a draft typed on device A shows up on device B without a reload, and B's edit comes back", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2);
  await expect(b.page.getByText("No drafts yet")).toBeVisible();

  await newDraft(a.page);
  await titleField(a.page).pressSequentially("Trip notes", { delay: 20 });
  await bodyField(a.page).pressSequentially("Pack the charger.", { delay: 20 });
  await expect(saveStatus(a.page)).toHaveText("Saved");

  // B has not reloaded: the list poll brings the draft in.
  await draftInList(b.page, "Trip notes").click();
  await expect(bodyField(b.page)).toHaveValue("Pack the charger.");

  await bodyField(b.page).press("End");
  await bodyField(b.page).pressSequentially(" And the passport.", { delay: 20 });
  await expect(saveStatus(b.page)).toHaveText("Saved");

  // A still has the draft open: its poll brings B's edit into the editor.
  await expect(bodyField(a.page)).toHaveValue("Pack the charger. And the passport.", {});
  await expect(saveStatus(a.page)).toHaveText("Saved");
});

test("autosave shows Saving… while typing and Saved once the server has it", async ({
  openDevices,
}) => {
  const [a] = await openDevices(1);
  await newDraft(a.page);
  await bodyField(a.page).pressSequentially("hello", { delay: 30 });
  await expect(saveStatus(a.page)).toHaveText("Saving…");
  await expect(saveStatus(a.page)).toHaveText("Saved");
  await a.page.reload();
  await expect(bodyField(a.page)).toHaveValue("hello");
});

test("a poll never overwrites the field being typed in", async ({ openDevices }) => {
  const [a, b] = await openDevices(2);
  await newDraft(a.page, { title: "Shared", body: "start" });
  // B's timers run on a clock the test moves: B types slowly, so its autosave never fires.
  await b.page.clock.install();
  await b.page.reload();
  await draftInList(b.page, "Shared").click();
  await expect(bodyField(b.page)).toHaveValue("start");
  await b.page.clock.pauseAt(Date.now() + 1_000);

  await bodyField(b.page).press("End");
  await bodyField(b.page).press("Space");
  // B keeps typing, a key every 300 ms; the poke (or the pulse) brings A's version meanwhile.
  const polled = b.page.waitForResponse((answer) => /\/api\/drafts\/[^/]+$/.test(answer.url()));
  await titleField(a.page).fill("Shared, renamed on A");
  await expect(saveStatus(a.page)).toHaveText("Saved");
  for (const key of "typing on B") {
    await bodyField(b.page).press(key === " " ? "Space" : key);
    await b.page.clock.runFor(300);
  }
  await polled;
  await expect(bodyField(b.page)).toHaveValue("start typing on B");
  await expect(titleField(b.page)).toHaveValue("Shared");

  // B stops typing: its save meets A's version and merges; both edits survive everywhere.
  await b.page.clock.runFor(1_000);
  await expect(saveStatus(b.page)).toHaveText("Saved");
  await expect(titleField(b.page)).toHaveValue("Shared, renamed on A");
  await expect(bodyField(a.page)).toHaveValue("start typing on B");
});

test("deleting a draft removes it from the user's other devices", async ({ openDevices }) => {
  const [a, b] = await openDevices(2);
  await newDraft(a.page, { title: "Short-lived" });
  await expect(draftInList(b.page, "Short-lived")).toBeVisible();
  await a.page.getByRole("button", { name: "Delete" }).click();
  await a.page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(draftInList(a.page, "Short-lived")).toHaveCount(0);
  await expect(draftInList(b.page, "Short-lived")).toHaveCount(0);
});

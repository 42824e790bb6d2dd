import { storedDrafts } from "./support/drafts-api";
import { bodyField, draftInList, newDraft, saveStatus } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("device A types offline for 10 s; when it reconnects device B sees every edit", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2);
  await newDraft(a.page, { title: "Offline notes", body: "online start." });
  await draftInList(b.page, "Offline notes").click();
  // A's timers run on a clock the test moves: ten seconds offline take no ten seconds here.
  await a.page.clock.install();
  await a.page.reload();
  await expect(bodyField(a.page)).toHaveValue("online start.");
  await a.page.clock.pauseAt(Date.now() + 1_000);

  await a.context.setOffline(true);
  const typed = " typed while offline, word by word";
  await bodyField(a.page).press("End");
  for (const word of typed.split(/(?= )/)) {
    await bodyField(a.page).pressSequentially(word);
    await a.page.clock.runFor(600);
  }
  await expect(saveStatus(a.page)).toContainText("saved on this device");
  await a.page.clock.runFor(10_000 - 600 * typed.split(/(?= )/).length); // retries 1, 2, 4, 8 s
  // Nothing of it reached the server, so B has nothing new to show.
  const [stored] = await storedDrafts(b.context.request);
  expect(stored?.body).toBe("online start.");
  await expect(bodyField(b.page)).toHaveValue("online start.");

  await a.context.setOffline(false);
  await a.page.clock.runFor(100); // the "online" event retries at once
  await expect(saveStatus(a.page)).toHaveText("Saved");
  await expect(bodyField(b.page)).toHaveValue(`online start.${typed}`);
});

test("edits made offline survive closing the tab and are sent by the next visit", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2);
  await newDraft(a.page, { title: "Closed tab", body: "" });

  await a.context.setOffline(true);
  await bodyField(a.page).pressSequentially("written, then the tab closed", { delay: 10 });
  await expect(saveStatus(a.page)).toContainText("saved on this device");
  await a.page.close();

  await a.context.setOffline(false);
  const again = await a.context.newPage();
  await again.goto("/drafts");
  await draftInList(b.page, "Closed tab").click();
  await expect(bodyField(b.page)).toHaveValue("written, then the tab closed");
  // Nothing is left waiting on device A.
  await expect
    .poll(() =>
      again.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith("handoff:outbox:")),
      ),
    )
    .toEqual([]);
});

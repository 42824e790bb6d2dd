import { storedDrafts } from "./support/drafts-api";
import { bodyField, newDraft, saveStatus } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("the server is SIGKILLed while the user types and restarted: every character is saved", async ({
  ownServer,
}) => {
  const { server, context, page } = await ownServer();
  await newDraft(page, { title: "Crash test" });

  // Killed mid-typing: the autosave of these words may or may not have gone out.
  await bodyField(page).pressSequentially("before the crash. ", { delay: 20 });
  await server.stop("SIGKILL");
  await bodyField(page).pressSequentially("during the outage. ", { delay: 20 });
  await expect(saveStatus(page)).toContainText("saved on this device");
  await server.start();
  await bodyField(page).pressSequentially("after the restart.", { delay: 20 });

  const expected = "before the crash. during the outage. after the restart.";
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 15_000 });
  const drafts = await storedDrafts(context.request);
  expect(drafts[0]?.body).toBe(expected);
  await page.reload();
  await expect(bodyField(page)).toHaveValue(expected);
});

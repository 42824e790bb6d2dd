import { bodyField, draftInList, newDraft } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("a draft survives a restart of the server, and the session does too", async ({
  ownServer,
}) => {
  const { server, page } = await ownServer();
  await newDraft(page, { title: "Before the crash", body: "still here" });

  await server.stop("SIGKILL");
  await server.start();

  // Same cookie, new process: the JWT is still valid and the draft is in the SQLite file.
  await page.reload();
  await expect(page).toHaveURL(/\/drafts$/);
  await draftInList(page, "Before the crash").click();
  await expect(bodyField(page)).toHaveValue("still here");
});

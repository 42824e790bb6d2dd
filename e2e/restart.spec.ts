import { bodyField, draftInList, newDraft } from "./support/drafts-page";
import { expect, newAccount, signIn, signUp, test } from "./support/fixtures";
import { freePortSync, newDataDir, newSecret, TestServer } from "./support/server.mjs";

test("a draft survives a restart of the server, and the session does too", async ({ browser }) => {
  const server = new TestServer({
    port: freePortSync(),
    dataDir: newDataDir(),
    secret: newSecret(),
  });
  await server.start();
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const account = newAccount();
    await signUp(context.request, account);
    await signIn(context, account);
    const page = await context.newPage();
    await page.goto("/drafts");
    await newDraft(page, { title: "Before the crash", body: "still here" });

    await server.stop("SIGKILL");
    await server.start();

    // Same cookie, new process: the JWT is still valid and the draft is in the SQLite file.
    await page.reload();
    await expect(page).toHaveURL(/\/drafts$/);
    await draftInList(page, "Before the crash").click();
    await expect(bodyField(page)).toHaveValue("still here");
  } finally {
    await context.close();
    await server.stop();
  }
});

import { startTestCosmosServer } from "../lib/store/test-cosmos-server.mjs";
import { bodyField, newDraft, saveStatus } from "./support/drafts-page";
import { expect, newAccount, signIn, signUp, test } from "./support/fixtures";
import { freePortSync, newDataDir, newSecret, TestServer } from "./support/server.mjs";

test("the Cosmos DB store goes away and comes back: the API says 503, the user loses nothing", async ({
  browser,
}) => {
  const cosmos = await startTestCosmosServer();
  const server = new TestServer({
    port: freePortSync(),
    dataDir: newDataDir(),
    secret: newSecret(),
    env: {
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_ALLOW_SELF_SIGNED: "1",
    },
  });
  await server.start();
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const account = newAccount();
    await signUp(context.request, account);
    await signIn(context, account);
    const page = await context.newPage();
    await page.goto("/drafts");
    await newDraft(page, { title: "Outage" });
    await bodyField(page).pressSequentially("before the outage. ", { delay: 20 });
    await expect(saveStatus(page)).toHaveText("Saved");

    await cosmos.pause();
    const down = await context.request.get("/api/drafts");
    expect(down.status()).toBe(503);
    expect(down.headers()["retry-after"]).toBeTruthy();
    expect((await down.json()).error.code).toBe("store_unavailable");

    await bodyField(page).pressSequentially("during the outage. ", { delay: 20 });
    await expect(saveStatus(page)).toContainText("Server unavailable: saved on this device", {
      timeout: 10_000,
    });

    await cosmos.resume();
    await bodyField(page).pressSequentially("after it came back.", { delay: 20 });
    await expect(saveStatus(page)).toHaveText("Saved", { timeout: 15_000 });
    const { drafts } = (await (await context.request.get("/api/drafts")).json()) as {
      drafts: { body: string }[];
    };
    expect(drafts[0]?.body).toBe("before the outage. during the outage. after it came back.");
  } finally {
    await context.close();
    await server.stop();
    await cosmos.close();
  }
});

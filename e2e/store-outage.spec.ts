import { startTestCosmosServer } from "../lib/server/store/test-cosmos-server.mjs";
import { storedDrafts } from "./support/drafts-api";
import { bodyField, newDraft, saveStatus } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

test("the Cosmos DB store goes away and comes back: the API says 503, the user loses nothing", async ({
  ownServer,
}) => {
  const cosmos = await startTestCosmosServer();
  try {
    const { context, page } = await ownServer({
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_ALLOW_SELF_SIGNED: "1",
    });
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
    const drafts = await storedDrafts(context.request);
    expect(drafts[0]?.body).toBe("before the outage. during the outage. after it came back.");
  } finally {
    await cosmos.close();
  }
});

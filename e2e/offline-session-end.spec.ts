import { OWNER_URL, PAGES_CACHE } from "../lib/shared/offline";
import { newDraft } from "./support/drafts-page";
import { expect } from "./support/fixtures";
import { leftovers, offlineTest } from "./support/offline-site";
import { copiedOffline, keptFor } from "./support/storage";

// Sessions of 25 s: long enough to set two devices up on a slow machine, short enough to wait for.
offlineTest.use({ siteEnv: { SESSION_MAX_AGE_SECONDS: "25" } });

offlineTest(
  "a session that ends while the device is offline takes the user's data with it, tab open or not",
  async ({ site }) => {
    // The tablet's session starts first, so it is over by the time the laptop's is.
    const { account, ...tablet } = await site.newUser();
    await tablet.page.goto("/drafts");
    await keptFor(tablet.page, /^[0-9a-f-]{36}$/);
    await tablet.page.close();

    const laptop = await site.device(account);
    await laptop.page.goto("/drafts");
    await newDraft(laptop.page, { title: "Expiring secret", body: "mine" });
    await keptFor(laptop.page, /^[0-9a-f-]{36}$/);
    await copiedOffline(laptop.page, "/api/drafts", "Expiring secret");
    // The session must end after the network goes, or this would test nothing offline.
    const until = await laptop.page.evaluate(
      async ({ name, url }) => {
        const record = await (await caches.open(name)).match(url);
        return record ? ((await record.json()) as { until: number }).until : 0;
      },
      { name: PAGES_CACHE, url: OWNER_URL },
    );
    expect(until - Date.now(), "the session must outlast the setup").toBeGreaterThan(2000);

    await site.server.stop();
    // The open tab: no server to tell it, it forgets the user when the session ends.
    await expect(laptop.page).toHaveURL(/\/signin\?ended=expired$/, { timeout: 30_000 });
    expect(await leftovers(laptop.page)).toEqual({ caches: [], databases: [], storage: [] });
    await laptop.page.goto("/drafts");
    await expect(laptop.page.getByText("Expiring secret")).toHaveCount(0);

    // The tablet had no tab open: opened offline after the end, it shows nothing of the user.
    const reopened = await tablet.context.newPage();
    await reopened.goto("/drafts");
    await expect(reopened.getByRole("heading", { name: "Your session has ended" })).toBeVisible();
    await expect(reopened.getByText("Expiring secret")).toHaveCount(0);
    expect(await leftovers(reopened)).toEqual({ caches: [], databases: [], storage: [] });
  },
);

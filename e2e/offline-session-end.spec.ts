import { newDraft } from "./support/drafts-page";
import { expect, newAccount, signIn, signUp } from "./support/fixtures";
import { leftovers, offlineTest } from "./support/offline-site";
import { copiedOffline, keptFor } from "./support/storage";

// Sessions of 20 s: long enough to set two devices up on a slow machine, short enough to wait for.
offlineTest.use({ siteEnv: { SESSION_MAX_AGE_SECONDS: "20" } });

offlineTest(
  "a session that ends while the device is offline takes the user's data with it, tab open or not",
  async ({ site }) => {
    const account = newAccount();
    // The tablet's session starts first, so it is over by the time the laptop's is.
    const tablet = await site.device();
    await signUp(tablet.context.request, account);
    await signIn(tablet.context, account);
    await tablet.page.goto("/drafts");
    await keptFor(tablet.page, /^[0-9a-f-]{36}$/);
    await tablet.page.close();

    const laptop = await site.device(account);
    await laptop.page.goto("/drafts");
    await newDraft(laptop.page, { title: "Expiring secret", body: "mine" });
    await keptFor(laptop.page, /^[0-9a-f-]{36}$/);
    await copiedOffline(laptop.page, "/api/drafts", "Expiring secret");

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

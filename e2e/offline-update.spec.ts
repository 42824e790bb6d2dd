import type { Page } from "@playwright/test";
import { bodyField, draftInList, newDraft, saveStatus } from "./support/drafts-page";
import { expect } from "./support/fixtures";
import { offlineTest } from "./support/offline-site";
import { secondDeployment } from "./support/second-deployment";
import { copiedOffline, keptFor } from "./support/storage";

/** The states of this page's service worker registration: which workers run and which wait. */
const workers = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update().catch(() => {});
    return {
      active: registration?.active?.state ?? null,
      waiting: registration?.waiting?.state ?? null,
      installing: registration?.installing?.state ?? null,
    };
  });

offlineTest(
  "a new deployment's worker takes over without losing a tab's unsent offline edits",
  async ({ site }) => {
    const { account, ...laptop } = await site.newUser();
    await laptop.page.goto("/drafts");
    await newDraft(laptop.page, { title: "Across a deploy", body: "before" });
    await keptFor(laptop.page, /^[0-9a-f-]{36}$/);
    await copiedOffline(laptop.page, "/api/drafts", "Across a deploy");

    // The network goes; the tab goes on typing: the edits wait in the outbox and on screen.
    await laptop.context.setOffline(true);
    await bodyField(laptop.page).press("End");
    await bodyField(laptop.page).pressSequentially(", typed offline", { delay: 5 });
    await expect(saveStatus(laptop.page)).toContainText("saved on this device");

    // Meanwhile a new version is deployed. The network comes back: the tab sends its edits,
    // and the browser finds the new worker, which waits while a tab of the old one is open.
    await site.redeploy(secondDeployment());
    await laptop.context.setOffline(false);
    await expect(saveStatus(laptop.page)).toHaveText("Saved");
    await expect(bodyField(laptop.page)).toHaveValue("before, typed offline");
    await expect.poll(() => workers(laptop.page)).toMatchObject({ waiting: "installed" });

    // The old tab goes; the next one runs under the new worker, which keeps the pages again.
    await laptop.page.close();
    const next = await laptop.context.newPage();
    await next.goto("/drafts");
    await expect
      .poll(() => workers(next))
      .toEqual({ active: "activated", waiting: null, installing: null });
    await keptFor(next, /^[0-9a-f-]{36}$/);
    await draftInList(next, "Across a deploy").click();
    await expect(bodyField(next)).toHaveValue("before, typed offline");

    // And it opens offline as before the deploy.
    await site.server.stop();
    await next.reload();
    await expect(next.getByText(/^Offline: showing what this device last synced at/)).toBeVisible();
    await draftInList(next, "Across a deploy").click();
    await expect(bodyField(next)).toHaveValue("before, typed offline");
  },
);

import { bodyField, draftInList, newDraft, saveStatus, titleField } from "./support/drafts-page";
import { expect, newAccount, signIn, signUp } from "./support/fixtures";
import { leftovers, offlineTest } from "./support/offline-site";
import { copiedOffline, keptFor } from "./support/storage";

offlineTest(
  "a guest opens Handoff offline after a visit: every page, their drafts, and edits that stay",
  async ({ site }) => {
    const { page } = await site.device();
    await page.goto("/drafts");
    await page.getByRole("button", { name: "New draft" }).click();
    await titleField(page).fill("Train notes");
    await bodyField(page).fill("written at the station");
    await expect(saveStatus(page)).toHaveText("Saved on this device");
    await keptFor(page, "guest");

    await site.server.stop();
    await page.reload();
    await expect(page.getByText("Offline: this page is as this device kept it at")).toBeVisible();
    await draftInList(page, "Train notes").click();
    await expect(bodyField(page)).toHaveValue("written at the station");
    // A guest's drafts live in this browser: editing offline is editing, nothing waits.
    await bodyField(page).press("End");
    await bodyField(page).pressSequentially(", and on the train", { delay: 5 });
    await expect(saveStatus(page)).toHaveText("Saved on this device");
    // Pages never opened on this device open too: every page was kept on the first visit.
    await page.goto("/cart");
    await expect(page.getByRole("heading", { name: "Cart" })).toBeVisible();
    await page.goto("/drafts");
    await draftInList(page, "Train notes").click();
    await expect(bodyField(page)).toHaveValue("written at the station, and on the train");
  },
);

offlineTest(
  "a signed-in device opens offline with what it last synced, edits, and the other device gets the edits on reconnect",
  async ({ site }) => {
    const { account, ...laptop } = await site.newUser();
    await laptop.page.goto("/drafts");
    await newDraft(laptop.page, { title: "Plane notes", body: "boarding" });
    await keptFor(laptop.page, /^[0-9a-f-]{36}$/);
    await copiedOffline(laptop.page, "/api/drafts", "Plane notes");

    await site.server.stop();
    await laptop.page.reload();
    await expect(
      laptop.page.getByText("Offline: showing what this device last synced at"),
    ).toBeVisible();
    await draftInList(laptop.page, "Plane notes").click();
    await expect(bodyField(laptop.page)).toHaveValue("boarding");
    await bodyField(laptop.page).press("End");
    await bodyField(laptop.page).pressSequentially(", over the sea", { delay: 5 });
    await expect(saveStatus(laptop.page)).toContainText("saved on this device");
    // A draft started offline is made here, under an id this device chose, and waits.
    const create = laptop.page.getByRole("button", { name: "New draft" });
    await create.click();
    await expect(create).toBeEnabled();
    await expect(titleField(laptop.page)).toHaveValue("");
    await expect(
      laptop.page.getByRole("list", { name: "Drafts" }).getByRole("listitem"),
    ).toHaveCount(2);
    await titleField(laptop.page).fill("Written offline");
    await bodyField(laptop.page).fill("no network");
    await expect(saveStatus(laptop.page)).toContainText("saved on this device");
    // The list shows it as typed, as it shows the other draft's offline edits.
    await expect(draftInList(laptop.page, "Written offline")).toBeVisible();
    const madeHere = await laptop.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("handoff:outbox:"));
      const entries = Object.values(JSON.parse(localStorage.getItem(key ?? "") ?? "{}")) as {
        id: string;
        local: { title?: string };
      }[];
      return entries.find((entry) => entry.local.title === "Written offline")?.id;
    });
    expect(madeHere).toMatch(/^[0-9a-f-]{36}$/);

    await site.server.start();
    // The laptop retries on its own (1, 2, 4 s...) or when the browser says it is online.
    await laptop.page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect(saveStatus(laptop.page)).toHaveText("Saved");
    await expect(laptop.page.getByText(/^Offline/)).toBeHidden();
    const phone = await site.device(account);
    await phone.page.goto("/drafts");
    await draftInList(phone.page, "Plane notes").click();
    await expect(bodyField(phone.page)).toHaveValue("boarding, over the sea");
    await draftInList(phone.page, "Written offline").click();
    await expect(bodyField(phone.page)).toHaveValue("no network");
    const { drafts } = await (await phone.context.request.get("/api/drafts")).json();
    expect(drafts.find((d: { title: string }) => d.title === "Written offline")?.id).toBe(madeHere);
    expect(drafts).toHaveLength(2);
  },
);

offlineTest(
  "on a slow start the page shows what the device last synced at once, then the server's answer",
  async ({ site }) => {
    const { context, page } = await site.newUser();
    await page.goto("/drafts");
    await newDraft(page, { title: "Slow network", body: "" });
    await keptFor(page, /^[0-9a-f-]{36}$/);
    await copiedOffline(page, "/api/drafts", "Slow network");
    // The tab goes (so nothing updates the copy), and another device renames the draft: the
    // copy here is now one version behind.
    await page.close();
    const { drafts } = await (await context.request.get("/api/drafts")).json();
    await context.request.put(`/api/drafts/${drafts[0].id}`, {
      data: { title: "Slow network, renamed", body: "" },
      headers: { "If-Match": `"v${drafts[0].version}"` },
    });

    // The server's answers to the list are held back until the copy has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await context.route("**/api/drafts", async (route) => {
      await held;
      await route.continue();
    });
    const next = await context.newPage();
    await next.goto("/drafts");
    await expect(next.getByText(/^Showing what this device last synced at/)).toBeVisible();
    // The copy's title ("Slow network", then the date), not the server's.
    await expect(draftInList(next, "Slow network [A-Z]")).toBeVisible();
    await expect(draftInList(next, "Slow network, renamed")).toHaveCount(0);
    release();
    await expect(draftInList(next, "Slow network, renamed")).toBeVisible();
    await expect(draftInList(next, "Slow network [A-Z]")).toHaveCount(0);
    await expect(next.getByText(/last synced at/)).toBeHidden();
  },
);

offlineTest(
  "after sign-out nothing of the user opens offline, and the next user never sees the first's copy",
  async ({ site }) => {
    const [first, second] = [newAccount(), newAccount()];
    const { context, page } = await site.device();
    for (const account of [first, second]) await signUp(context.request, account);
    await signIn(context, first);
    await page.goto("/drafts");
    await newDraft(page, { title: "First's secret", body: "only mine" });
    await keptFor(page, /^[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect(await leftovers(page)).toEqual({ caches: [], databases: [], storage: [] });

    await site.server.stop();
    await page.goto("/drafts");
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(page.getByText("First's secret")).toHaveCount(0);

    await site.server.start();
    await signIn(context, second);
    await page.goto("/drafts");
    await newDraft(page, { title: "Second's list", body: "" });
    await keptFor(page, /^[0-9a-f-]{36}$/);
    await copiedOffline(page, "/api/drafts", "Second's list");
    await site.server.stop();
    await page.reload();
    await expect(draftInList(page, "Second's list")).toBeVisible();
    await expect(page.getByText("First's secret")).toHaveCount(0);
    expect((await leftovers(page)).databases).toHaveLength(1);
  },
);

import type { BrowserContext, Page } from "@playwright/test";
import { startTestCosmosServer } from "../lib/server/store/test-cosmos-server.mjs";
import { type Cluster, startCluster } from "../scripts/cluster.mjs";
import { storedDrafts } from "./support/drafts-api";
import { bodyField, draftInList, newDraft, saveStatus } from "./support/drafts-page";
import { type Account, expect, newAccount, signIn, signUp, test } from "./support/fixtures";

// Several instances of the production build behind nginx (scripts/cluster.mjs), sharing one
// SQLite file and one session secret, as `npm run cluster` starts them.
const clusterTest = test.extend<{ cluster: Cluster }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps this way.
  cluster: async ({}, use) => {
    const cluster = await startCluster({
      instances: 2,
      env: { HANDOFF_SIGNUPS_PER_ADDRESS: "1000", HANDOFF_SIGNIN_ATTEMPTS_PER_ADDRESS: "1000" },
    });
    await use(cluster);
    await cluster.stop();
  },
});

/** A device: its own browser context, talking to `url` only, signed in as `account`. */
async function deviceAt(
  browser: import("@playwright/test").Browser,
  url: string,
  account: Account,
  path = "/drafts",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: url });
  await signIn(context, account);
  const page = await context.newPage();
  // Every save status the page ever shows, to prove no lost-data message appeared.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    new MutationObserver(() => {
      const status = document.querySelector(".save-status");
      const text = status?.textContent ?? "";
      if (text && seen.at(-1) !== text)
        seen.push(`${status?.getAttribute("data-status")}: ${text}`);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.goto(path);
  return { context, page };
}

const statusesSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);

clusterTest(
  "a user's draft, cart and application follow them across instances; a session is valid everywhere",
  async ({ cluster, browser }) => {
    const account = newAccount();
    const [first, second] = cluster.instances;
    const setup = await browser.newContext({ baseURL: cluster.url });
    await signUp(setup.request, account);
    await setup.close();

    // Signed in on instance 0: the same cookie opens instance 1 and nginx.
    const probe = await browser.newContext({ baseURL: first?.url });
    await signIn(probe, account);
    for (const url of [first?.url, second?.url, cluster.url])
      expect((await probe.request.get(`${url}/api/drafts`)).status()).toBe(200);
    await probe.close();

    const a = await deviceAt(browser, first?.url ?? "", account);
    const b = await deviceAt(browser, second?.url ?? "", account);
    const c = await deviceAt(browser, cluster.url, account);

    await newDraft(a.page, { title: "Across instances", body: "typed on instance 0" });
    await draftInList(b.page, "Across instances").click();
    await expect(bodyField(b.page)).toHaveValue("typed on instance 0");
    await bodyField(b.page).fill("typed on instance 0, then on instance 1");
    await draftInList(c.page, "Across instances").click();
    await expect(bodyField(c.page)).toHaveValue("typed on instance 0, then on instance 1", {});

    await a.page.goto("/shop");
    await a.page.getByRole("button", { name: "Add Enamel mug to cart" }).click();
    for (const device of [b, c])
      await expect(device.page.getByTestId("cart-badge")).toHaveText(/^1/);

    await b.page.goto("/apply");
    await b.page.getByRole("button", { name: "Next" }).click();
    await b.page.getByLabel("Full name").fill("Ada Lovelace");
    await expect(saveStatus(b.page)).toHaveText("Saved");
    await c.page.goto("/apply");
    await expect(c.page.getByLabel("Full name")).toHaveValue("Ada Lovelace");
    for (const device of [a, b, c]) await device.context.close();
  },
);

clusterTest(
  "an instance is killed while a device types: the device goes on, signed in, and loses nothing",
  async ({ cluster, browser }) => {
    const account = newAccount();
    const setup = await browser.newContext({ baseURL: cluster.url });
    await signUp(setup.request, account);
    await setup.close();
    const { page, context } = await deviceAt(browser, cluster.url, account);
    await newDraft(page, { title: "Crash" });
    await bodyField(page).pressSequentially("before the crash. ", { delay: 15 });
    await cluster.kill(0);
    await bodyField(page).pressSequentially("after one instance died. ", { delay: 15 });
    await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });
    await page.reload();
    await expect(bodyField(page)).toHaveValue("before the crash. after one instance died. ");
    const [draft] = await storedDrafts(context.request);
    expect(draft?.body).toBe("before the crash. after one instance died. ");
    expect((await statusesSeen(page)).filter((s) => /^(error|gone)/.test(s))).toEqual([]);
    await expect(page, "nobody is signed out").not.toHaveURL(/\/signin/);
    await context.close();
  },
);

clusterTest(
  "a rolling restart of every instance while two devices type: no lost edit, nobody signed out",
  async ({ cluster, browser }) => {
    test.setTimeout(120_000);
    const account = newAccount();
    const setup = await browser.newContext({ baseURL: cluster.url });
    await signUp(setup.request, account);
    await setup.close();
    const laptop = await deviceAt(browser, cluster.url, account);
    const phone = await deviceAt(browser, cluster.url, account);
    await newDraft(laptop.page, { title: "Laptop" });
    await newDraft(phone.page, { title: "Phone" });

    let typing = true;
    const typed = { laptop: "", phone: "" };
    const type = async (device: { page: Page }, name: "laptop" | "phone") => {
      for (let word = 0; typing; word++) {
        const text = `${name}${word} `;
        await bodyField(device.page).pressSequentially(text, { delay: 10 });
        typed[name] += text;
      }
    };
    const typingDone = Promise.all([type(laptop, "laptop"), type(phone, "phone")]);
    for (const instance of cluster.instances) await cluster.restart(instance.index);
    typing = false;
    await typingDone;

    for (const [device, name] of [
      [laptop, "laptop"],
      [phone, "phone"],
    ] as const) {
      await expect(saveStatus(device.page)).toHaveText("Saved", { timeout: 15_000 });
      const lost = (await statusesSeen(device.page)).filter((s) => /^(error|gone)/.test(s));
      expect(lost).toEqual([]);
      await expect(device.page, "nobody is signed out").not.toHaveURL(/\/signin/);
      expect((await device.context.request.get("/api/drafts")).status()).toBe(200);
      const stored = (await storedDrafts(device.context.request)).find(
        (draft) => draft.title === (name === "laptop" ? "Laptop" : "Phone"),
      );
      expect(stored?.body).toBe(typed[name]);
    }
    expect(typed.laptop.split(" ").length).toBeGreaterThan(5);
    await laptop.context.close();
    await phone.context.close();
  },
);

test("nginx sends nobody to an instance that is up but cannot reach its store", async ({
  browser,
}) => {
  const cosmos = await startTestCosmosServer();
  const cut = {
    COSMOS_ENDPOINT: "https://127.0.0.1:9",
    COSMOS_KEY: cosmos.key,
    COSMOS_ALLOW_SELF_SIGNED: "1",
  };
  const cluster = await startCluster({
    instances: 2,
    env: {
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_ALLOW_SELF_SIGNED: "1",
    },
    instanceEnv: (index) => (index === 1 ? cut : {}),
  });
  try {
    const [healthy, cutOff] = cluster.instances;
    expect((await fetch(`${cutOff?.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${cutOff?.url}/api/ready`)).status).toBe(503);
    expect(cutOff?.ready).toBe(false);
    expect(healthy?.ready).toBe(true);

    const account = newAccount();
    const context = await browser.newContext({ baseURL: cluster.url });
    await signUp(context.request, account);
    await signIn(context, account);
    for (let i = 0; i < 20; i++) {
      const created = await context.request.post("/api/drafts", { data: { title: `n${i}` } });
      expect(created.status()).toBe(201);
    }
    expect((await (await context.request.get("/api/drafts")).json()).drafts).toHaveLength(20);
    await context.close();
  } finally {
    await cluster.stop();
    await cosmos.close();
  }
});

clusterTest(
  "two instances writing one SQLite file at the same moment: every write lands (busy timeout)",
  async ({ cluster, browser }) => {
    const account = newAccount();
    const context = await browser.newContext({ baseURL: cluster.url });
    await signUp(context.request, account);
    await signIn(context, account);
    const urls = cluster.instances.map((instance) => instance.url);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        context.request.post(`${urls[i % urls.length]}/api/drafts`, { data: { title: `w${i}` } }),
      ),
    );
    expect(answers.map((answer) => answer.status()).filter((status) => status !== 201)).toEqual([]);
    expect((await (await context.request.get("/api/drafts")).json()).drafts).toHaveLength(200);
    await context.close();
  },
);

test("behind nginx, per-address limits count the real client, whatever X-Forwarded-For it sends", async ({
  request,
}) => {
  const cluster = await startCluster({ instances: 2, env: { HANDOFF_SIGNUPS_PER_ADDRESS: "2" } });
  try {
    const signUpVia = (forwardedFor?: string) =>
      request.post(`${cluster.url}/api/users`, {
        data: newAccount(),
        headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
      });
    // Round-robin sends these to both instances: the count lives in the shared store.
    expect((await signUpVia()).status()).toBe(201);
    expect((await signUpVia("203.0.113.9")).status()).toBe(201);
    const refused = await signUpVia("198.51.100.1, 203.0.113.10");
    expect(refused.status()).toBe(429);
    expect((await refused.json()).error.message).toContain("new accounts from your network");
  } finally {
    await cluster.stop();
  }
});

clusterTest(
  "pokes pass through nginx unbuffered, and the stream comes back after a rolling restart",
  async ({ cluster, browser }) => {
    const account = newAccount();
    const setup = await browser.newContext({ baseURL: cluster.url });
    await signUp(setup.request, account);
    await setup.close();
    const laptop = await deviceAt(browser, cluster.url, account);
    await newDraft(laptop.page, { title: "Through nginx" });
    const phone = await deviceAt(browser, cluster.url, account);
    // The phone's poll fails: only its poke stream can bring the laptop's edits.
    await phone.page.route("**/api/pulse", (route) => route.abort());
    await draftInList(phone.page, "Through nginx").click();
    await bodyField(laptop.page).fill("poked through nginx");
    await expect(bodyField(phone.page)).toHaveValue("poked through nginx");

    for (const instance of cluster.instances) await cluster.restart(instance.index);
    await bodyField(laptop.page).fill("poked after every instance restarted");
    await expect(bodyField(phone.page)).toHaveValue("poked after every instance restarted");
    await laptop.context.close();
    await phone.context.close();
  },
);

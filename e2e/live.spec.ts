import type { BrowserContext, Page } from "@playwright/test";
import { bodyField, draftInList, newDraft, titleField } from "./support/drafts-page";
import { type Account, test as base, expect, newAccount, signIn, signUp } from "./support/fixtures";
import { freePortSync, newDataDir, newSecret, TestServer } from "./support/server.mjs";
import { signedInCookie } from "./support/session-cookie.mjs";

/**
 * Two instances of Handoff on one SQLite file and one secret, as behind a load balancer, and
 * devices (each its own browser context) signed in on either. Everything stops after the test.
 */
const test = base.extend<{
  instances: {
    servers: [TestServer, TestServer];
    deviceOn(server: TestServer, account: Account, create?: boolean): Promise<Page>;
  };
}>({
  instances: async ({ browser }, use) => {
    const dataDir = newDataDir();
    const secret = newSecret();
    const servers = [0, 1].map(() => new TestServer({ port: freePortSync(), dataDir, secret }));
    for (const server of servers) await server.start();
    const contexts: BrowserContext[] = [];
    await use({
      servers: servers as [TestServer, TestServer],
      async deviceOn(server, account, create = false) {
        const context = await browser.newContext({ baseURL: server.url });
        contexts.push(context);
        if (create) await signUp(context.request, account);
        await signIn(context, account);
        return context.newPage();
      },
    });
    for (const context of contexts) await context.close();
    for (const server of servers) await server.stop();
  },
});

/** Opens /drafts and resolves once the page's poke stream answered. */
async function openWithStream(page: Page) {
  const stream = page.waitForResponse((r) => r.url().endsWith("/api/live") && r.ok());
  await page.goto("/drafts");
  await stream;
}

/** The pulse (the poll) of this page fails: only the poke stream can bring it news. */
const noPolling = (page: Page) => page.route("**/api/pulse", (route) => route.abort());

test("a device on another instance is poked: it shows the other's edits without polling", async ({
  instances: { servers, deviceOn },
}) => {
  const account = newAccount();
  const a = await deviceOn(servers[0], account, true);
  await a.goto("/drafts");
  await newDraft(a, { title: "Poked" });

  const b = await deviceOn(servers[1], account);
  await noPolling(b);
  await openWithStream(b);
  await draftInList(b, "Poked").click();
  await bodyField(a).fill("typed on the first instance");
  await expect(bodyField(b)).toHaveValue("typed on the first instance");
  await newDraft(a, { title: "Also poked" });
  await expect(draftInList(b, "Also poked")).toBeVisible();
});

test("the instance holding the stream dies: the device polls, loses nothing, and streams again", async ({
  instances: { servers, deviceOn },
}) => {
  const account = newAccount();
  const a = await deviceOn(servers[0], account, true);
  await a.goto("/drafts");
  await newDraft(a, { title: "Outage" });
  const b = await deviceOn(servers[1], account);
  await openWithStream(b);
  await draftInList(b, "Outage").click();
  await expect(titleField(b)).toHaveValue("Outage");

  await servers[1].stop("SIGKILL");
  // While it is down, B types (kept in its outbox) and A saves on the live instance.
  await titleField(b).fill("Outage, renamed on B");
  await bodyField(a).fill("written while B's instance was down");
  await expect(a.getByRole("status")).toHaveText("Saved");
  // The instance comes back, but its stream does not: only the pulse can catch B up.
  await b.route("**/api/live", (route) => route.abort());
  await servers[1].start();
  await expect(bodyField(b)).toHaveValue("written while B's instance was down");
  await expect(titleField(a)).toHaveValue("Outage, renamed on B");

  // The stream reopens, and pokes carry the next edit with the pulse cut off.
  const reopened = b.waitForResponse((r) => r.url().endsWith("/api/live") && r.ok());
  await b.unroute("**/api/live");
  await reopened;
  await noPolling(b);
  await bodyField(a).fill("and poked again");
  await expect(bodyField(b)).toHaveValue("and poked again");
});

test("'sign out everywhere' ends another device's stream: it leaves without polling", async ({
  openDevices,
}) => {
  const [laptop, phone] = await openDevices(2);
  await noPolling(phone.page);
  await openWithStream(phone.page);
  await laptop.page.goto("/account");
  await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(phone.page).toHaveURL(/\/signin\?ended=revoked$/);
  await expect(phone.page.getByRole("status")).toContainText("You were signed out on every device");
});

test("the stream: 401 without a session, 429 past the cap per user, only markers in its events", async ({
  ownServer,
}) => {
  const { server, context } = await ownServer({ HANDOFF_LIVE_MAX_STREAMS_PER_USER: "2" });
  // A second account, signed in without a page: no stream of a page counts against its cap.
  const { cookie } = await signedInCookie(server.url);
  const anonymous = await fetch(`${server.url}/api/live`);
  expect(anonymous.status).toBe(401);
  expect((await anonymous.json()).error.code).toBe("unauthorized");

  const open = () => fetch(`${server.url}/api/live`, { headers: { Cookie: cookie } });
  const first = await open();
  const second = await open();
  expect([first.status, second.status]).toEqual([200, 200]);
  expect(first.headers.get("content-type")).toContain("text/event-stream");
  const third = await open();
  expect(third.status).toBe(429);
  expect((await third.json()).error.code).toBe("too_many_requests");

  const reader = (first.body as ReadableStream<Uint8Array>).getReader();
  const created = await fetch(`${server.url}/api/drafts`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json", Origin: server.url },
    body: JSON.stringify({ title: "A secret title", body: "a secret body" }),
  });
  expect(created.status).toBe(201);
  // The first account's page is not poked by the second's write (nor told anything of it).
  expect(await context.request.get("/api/drafts").then((r) => r.json())).toEqual({ drafts: [] });
  let events = "";
  while (!events.includes("event: poke"))
    events += new TextDecoder().decode((await reader.read()).value);
  // Every event is a marker or a comment: the title and body never travel down the stream.
  expect(events).not.toContain("secret");
  for (const line of events.split("\n").filter(Boolean))
    expect(line).toMatch(
      /^(retry: \d+|id: \d+|event: (marker|poke)|data: \{"marker":\d+\}|: keep-alive)$/,
    );
  await reader.cancel();
  await second.body?.cancel();
  // A closed stream frees its place.
  await expect
    .poll(async () => {
      const again = await open();
      await again.body?.cancel();
      return again.status;
    })
    .toBe(200);
});

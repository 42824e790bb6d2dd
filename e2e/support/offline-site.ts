import type { BrowserContext, Page } from "@playwright/test";
import { type Account, newAccount, signIn, signUp, test } from "./fixtures";
import { freePortSync, newDataDir, newSecret, TestServer } from "./server.mjs";

/**
 * Handoff opened again after the network (here: the server itself) went away, as on a train
 * or while a deploy is under way. One server of the test's own (with `siteEnv` added to its
 * environment), stopped and started again on the same port and data; each device its own
 * browser context, with service workers allowed.
 */
export const offlineTest = test.extend<{
  siteEnv: Record<string, string>;
  site: {
    server: TestServer;
    /** Stops the server and starts it again with `env` added: another deployment, same data. */
    redeploy(env: Record<string, string>): Promise<void>;
    device(account?: Account): Promise<{ context: BrowserContext; page: Page }>;
    /** A new account, signed in on a new device. */
    newUser(): Promise<{ account: Account; context: BrowserContext; page: Page }>;
  };
}>({
  siteEnv: [{}, { option: true }],
  site: async ({ browser, siteEnv }, use) => {
    const server = new TestServer({
      port: freePortSync(),
      dataDir: newDataDir(),
      secret: newSecret(),
      env: siteEnv,
    });
    await server.start();
    const contexts: BrowserContext[] = [];
    const device = async (account?: Account) => {
      const context = await browser.newContext({ baseURL: server.url, serviceWorkers: "allow" });
      contexts.push(context);
      if (account) await signIn(context, account);
      return { context, page: await context.newPage() };
    };
    await use({
      server,
      async redeploy(env) {
        await server.stop();
        server.options = { ...server.options, env: { ...siteEnv, ...env } };
        await server.start();
      },
      device,
      async newUser() {
        const account = newAccount();
        const { context, page } = await device();
        await signUp(context.request, account);
        await signIn(context, account);
        return { account, context, page };
      },
    });
    for (const context of contexts) await context.close();
    await server.stop();
  },
});

/** What of Handoff this browser keeps: caches, IndexedDB databases, Web Storage keys. */
export const leftovers = (page: Page) =>
  page.evaluate(async () => ({
    caches: (await caches.keys()).filter((name) => !name.startsWith("serwist-precache")),
    databases: ((await indexedDB.databases?.()) ?? [])
      .map((db) => db.name ?? "")
      .filter((name) => name.startsWith("handoff")),
    storage: Object.keys(localStorage).filter((key) => key.startsWith("handoff:")),
  }));

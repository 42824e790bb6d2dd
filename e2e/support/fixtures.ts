import { randomUUID } from "node:crypto";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Locator,
  type Page,
} from "@playwright/test";
import { freePortSync, newDataDir, newSecret, TestServer } from "./server.mjs";

export interface Account {
  email: string;
  password: string;
}

export interface Device {
  context: BrowserContext;
  page: Page;
}

export const newAccount = (): Account => ({
  email: `user-${randomUUID()}@example.com`,
  password: "correct horse",
});

export async function signUp(request: APIRequestContext, account: Account) {
  const response = await request.post("/api/users", { data: account });
  expect(response.status(), await response.text()).toBe(201);
}

/** Signs a browser context in through next-auth's credentials endpoint (cookies land in it). */
export async function signIn(context: BrowserContext, account: Account) {
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, ...account, json: "true" },
  });
  expect(response.ok()).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);
}

/** `n` devices as a tuple, so `const [a, b] = await openDevices(2)` needs no undefined checks. */
export type Devices<N extends number, Acc extends Device[] = []> = Acc["length"] extends N
  ? Acc
  : Devices<N, [...Acc, Device]>;

interface Fixtures {
  /** A fresh account, signed up but not signed in anywhere. */
  account: Account;
  /**
   * Opens `count` devices of one user: each its own browser context (own cookies, storage and
   * BroadcastChannel), signed in and showing `path`. Contexts close after the test.
   */
  openDevices: <N extends 1 | 2 | 3 | 4>(
    count: N,
    options?: { account?: Account; path?: string; serviceWorkers?: "allow" | "block" },
  ) => Promise<Devices<N>>;
  /**
   * A server of this test's own (to kill, restart or configure), with one device signed in
   * as a fresh account and showing /drafts. Stopped after the test.
   */
  ownServer: (
    env?: Record<string, string>,
  ) => Promise<Device & { server: TestServer; account: Account }>;
}

/**
 * Firefox over WebDriver BiDi sets an input's value through the element itself when a test
 * calls `fill`, which React's change tracking does not see (the field shows the text, the app
 * never hears of it). In Firefox, `fill` therefore sets the value the way React Testing
 * Library does: through the prototype's setter, then an `input` event. Typing
 * (`pressSequentially`, `keyboard`) is untouched and works as a user's typing does.
 */
async function reactSafeFillInFirefox(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const proto = Object.getPrototypeOf(page.locator("body")) as { fill: Locator["fill"] };
  await context.close();
  proto.fill = async function (this: Locator, value: string) {
    await this.evaluate((element, text) => {
      const field = element as HTMLInputElement | HTMLTextAreaElement;
      const owner =
        field instanceof HTMLTextAreaElement
          ? HTMLTextAreaElement.prototype
          : HTMLInputElement.prototype;
      field.focus();
      Object.getOwnPropertyDescriptor(owner, "value")?.set?.call(field, text);
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }, value);
  };
}

/**
 * Handoff's service worker fetches every page of the app once for each new browser (issue 17),
 * which would cost each of this suite's hundreds of short-lived contexts eight page renders
 * (about a third of the suite's time). So a context a test opens blocks service workers unless
 * it asks for them (`serviceWorkers: "allow"`), as the offline and leaving tests do.
 */
function blockServiceWorkersByDefault(browser: Browser) {
  const open = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => open({ serviceWorkers: "block", ...options });
  return () => {
    browser.newContext = open;
  };
}

export const test = base.extend<
  Fixtures,
  { firefoxFill: undefined; serviceWorkersBlocked: undefined }
>({
  serviceWorkersBlocked: [
    async ({ browser }, use) => {
      const restore = blockServiceWorkersByDefault(browser);
      await use(undefined);
      restore();
    },
    { scope: "worker", auto: true },
  ],
  firefoxFill: [
    async ({ browser, browserName }, use) => {
      if (browserName === "firefox") await reactSafeFillInFirefox(browser);
      await use(undefined);
    },
    { scope: "worker", auto: true },
  ],
  account: async ({ request }, use) => {
    const account = newAccount();
    await signUp(request, account);
    await use(account);
  },
  openDevices: async ({ browser, account, baseURL }, use) => {
    const opened: BrowserContext[] = [];
    await use(
      async <N extends 1 | 2 | 3 | 4>(
        count: N,
        options: { account?: Account; path?: string; serviceWorkers?: "allow" | "block" } = {},
      ) => {
        const devices: Device[] = [];
        for (let i = 0; i < count; i++) {
          const context = await browser.newContext({
            baseURL,
            serviceWorkers: options.serviceWorkers ?? "block",
          });
          opened.push(context);
          await signIn(context, options.account ?? account);
          const page = await context.newPage();
          await page.goto(options.path ?? "/drafts");
          devices.push({ context, page });
        }
        return devices as Devices<N>;
      },
    );
    await Promise.all(opened.map((context) => context.close()));
  },
  ownServer: async ({ browser }, use) => {
    const started: Array<{ server: TestServer; context: BrowserContext }> = [];
    await use(async (env = {}) => {
      const server = new TestServer({
        port: freePortSync(),
        dataDir: newDataDir(),
        secret: newSecret(),
        env,
      });
      await server.start();
      const context = await browser.newContext({ baseURL: server.url });
      started.push({ server, context });
      const account = newAccount();
      await signUp(context.request, account);
      await signIn(context, account);
      const page = await context.newPage();
      await page.goto("/drafts");
      return { server, context, page, account };
    });
    for (const { server, context } of started) {
      await context.close();
      await server.stop();
    }
  },
});

export { expect };

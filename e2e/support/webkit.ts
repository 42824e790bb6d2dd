import { type ChildProcess, spawn } from "node:child_process";
import type { BrowserContext } from "@playwright/test";
import { Builder, By, until, type WebDriver } from "selenium-webdriver";
import { freePortSync } from "./server.mjs";

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * WebKit (Safari's engine) as a device in a cross-engine test. Playwright cannot drive
 * Debian's WebKit, so this is Debian's MiniBrowser under WebKitWebDriver, on a virtual display
 * (Xvfb: WebKitGTK has no headless mode), driven by selenium-webdriver, with the few actions
 * the hand-off tests need, named like Playwright's. One session at a time; `close()` ends all.
 */
export class WebKitDevice {
  private constructor(
    readonly driver: WebDriver,
    private readonly processes: ChildProcess[],
    private readonly baseURL: string,
  ) {}

  static async open(baseURL: string, signedIn: BrowserContext): Promise<WebKitDevice> {
    const display = `:${100 + Math.floor(Math.random() * 800)}`;
    const xvfb = spawn("Xvfb", [display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"], {
      stdio: "ignore",
    });
    const port = freePortSync();
    const driverProcess = spawn("WebKitWebDriver", [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display },
      stdio: "ignore",
    });
    const processes = [driverProcess, xvfb];
    try {
      let driver: WebDriver | null = null;
      for (const deadline = Date.now() + 20_000; !driver && Date.now() < deadline; ) {
        try {
          driver = await new Builder()
            .usingServer(`http://127.0.0.1:${port}`)
            .withCapabilities({
              browserName: "MiniBrowser",
              "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
            })
            .build();
        } catch {
          await sleep(200);
        }
      }
      if (!driver) throw new Error("WebKitWebDriver did not start a MiniBrowser session");
      const device = new WebKitDevice(driver, processes, baseURL);
      // The session of a context signed in through next-auth, copied into WebKit's cookie jar.
      await driver.get(`${baseURL}/api/health`);
      for (const cookie of await signedIn.cookies())
        await driver.manage().addCookie({ name: cookie.name, value: cookie.value, path: "/" });
      return device;
    } catch (error) {
      for (const child of processes) child.kill("SIGKILL");
      throw error;
    }
  }

  goto(path: string) {
    return this.driver.get(`${this.baseURL}${path}`);
  }

  /** Clicks the first button or link whose text starts with `text`. */
  async click(text: string, timeout = 5000) {
    const xpath = `//*[self::button or self::a][starts-with(normalize-space(.), ${JSON.stringify(text)})]`;
    const element = await this.driver.wait(until.elementLocated(By.xpath(xpath)), timeout);
    await this.driver.wait(until.elementIsEnabled(element), timeout);
    await element.click();
  }

  private field(label: string) {
    return this.driver.wait(
      until.elementLocated(
        By.xpath(`//*[@id=(//label[normalize-space(.)=${JSON.stringify(label)}]/@for)]`),
      ),
      5000,
    );
  }

  async value(label: string): Promise<string> {
    return (await (await this.field(label)).getAttribute("value")) ?? "";
  }

  /** Types at the end of the field, as a person would. */
  async type(label: string, text: string) {
    const element = await this.field(label);
    await element.click();
    await this.driver.executeScript(
      "const f = arguments[0]; f.setSelectionRange(f.value.length, f.value.length);",
      element,
    );
    await element.sendKeys(text);
  }

  async text(selector: string): Promise<string> {
    const elements = await this.driver.findElements(By.css(selector));
    return elements.length ? ((await elements[0]?.getText()) ?? "") : "";
  }

  /** Polls `check` until it is true or `timeout` passes. */
  async until(check: () => Promise<boolean>, what: string, timeout = 5000) {
    for (const deadline = Date.now() + timeout; Date.now() < deadline; ) {
      if (await check().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`WebKit: timed out waiting for ${what}`);
  }

  async close() {
    await this.driver.quit().catch(() => {});
    for (const child of this.processes) child.kill("SIGKILL");
  }
}

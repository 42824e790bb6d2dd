import { randomUUID } from "node:crypto";
import { postChunked } from "../support/chunked";
import { expect, test } from "../support/fixtures";

const MB = 1024 * 1024;

test("chunked bodies without Content-Length are cut off at the limit, with and without a session", async ({
  baseURL,
  openDevices,
}) => {
  const [device] = await openDevices(1);
  const cookie = (await device.context.cookies())
    .map(({ name, value }) => `${name}=${value}`)
    .join("; ");
  const targets: Array<[string, Record<string, string>]> = [
    ["/api/shipping/seal", { "Content-Type": "application/json" }],
    ["/api/users", { "Content-Type": "application/json" }],
    ["/api/drafts", { "Content-Type": "application/json", Cookie: cookie }],
    ["/api/auth/callback/credentials", { "Content-Type": "application/x-www-form-urlencoded" }],
  ];
  for (const [path, headers] of targets) {
    const answer = await postChunked(`${baseURL}${path}`, 200 * MB, headers);
    expect(answer.status, path).toBe(413);
    expect(JSON.parse(answer.body).error.code, path).toBe("payload_too_large");
    // The server stopped reading long before the 200 MB were sent.
    expect(answer.sentBytes, path).toBeLessThan(20 * MB);
  }
  // And it still serves everyone else.
  expect((await device.context.request.get("/api/drafts")).status()).toBe(200);
});

test("malformed paths and unexpected methods answer 4xx in the error shape, not 500", async ({
  request,
  openDevices,
}) => {
  const [device] = await openDevices(1);
  for (const path of ["/api/orders/%ff", "/api/drafts/%E0%A4%A", "/%ff"]) {
    const response = await device.context.request.get(path);
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error.code).toBe("bad_request");
  }
  // A path no route serves, even one that resolves elsewhere (`..`), is a 404 in the shape.
  for (const path of ["/api/nope", "/api/trash/%2e%2e/restore"]) {
    const response = await device.context.request.post(path, { data: {} });
    expect(response.status(), path).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  }
  const get = await request.get("/api/auth/callback/credentials");
  expect(get.status()).toBe(405);
  expect((await get.json()).error.code).toBe("method_not_allowed");
  const json = await request.post("/api/auth/callback/credentials", { data: { email: "x" } });
  expect(json.status()).toBe(415);
});

test("cross-site writes are refused and change nothing; same-site ones pass", async ({
  openDevices,
}) => {
  const [device] = await openDevices(1);
  const api = device.context.request;
  const before = (await api.get("/api/drafts")).headers().etag;
  const crossSite: Record<string, string>[] = [
    { Origin: "http://evil.test" },
    { Origin: "null" },
    { "Sec-Fetch-Site": "cross-site" },
    { "Sec-Fetch-Site": "same-site", Origin: "http://sub.127.0.0.1" },
  ];
  for (const headers of crossSite) {
    const response = await api.post("/api/drafts", { data: { title: "csrf" }, headers });
    expect(response.status(), JSON.stringify(headers)).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    const put = await api.put("/api/cart", {
      data: { mug: 1 },
      headers: { ...headers, "If-Match": '"v0"' },
    });
    expect(put.status()).toBe(403);
  }
  expect((await api.get("/api/drafts")).headers().etag).toBe(before);
  const own = new URL(device.page.url()).origin;
  const same = await api.post("/api/drafts", {
    data: { title: "fine" },
    headers: { Origin: own, "Sec-Fetch-Site": "same-origin" },
  });
  expect(same.status()).toBe(201);
});

test("pages and API answers carry the security headers; page scripts need the nonce", async ({
  page,
  request,
}) => {
  const response = await page.goto("/signin");
  const headers = response?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline' 'strict");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  // Every script Next rendered carries this response's nonce, so the page works...
  await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
  const scripts = await page
    .locator("script")
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const value of scripts) expect(value).toBe(nonce);
  // ...and markup injected the way an XSS would (an inline handler, no nonce) does not run.
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injected?: boolean };
    w.injected = false;
    const box = document.createElement("div");
    box.innerHTML = '<img src="/missing.png" onerror="window.injected = true">';
    // The inline handler would run first in the same dispatch as this listener, if allowed.
    const failed = new Promise((resolve) =>
      box.querySelector("img")?.addEventListener("error", resolve, { once: true }),
    );
    document.body.append(box);
    await failed;
    return w.injected;
  });
  expect(ran).toBe(false);

  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("the sign-in form posts, so a submit before the script runs never puts the password in the URL", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/signin");
  await expect(page.locator("form.auth")).toHaveAttribute("method", "post");
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Password").fill("a secret password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState();
  expect(page.url()).not.toContain("secret");
  await context.close();
});

test("sign-up refuses the most common passwords", async ({ request }) => {
  for (const password of ["12345678", "password", "Password1", "iloveyou"]) {
    const response = await request.post("/api/users", {
      data: { email: `common-${randomUUID()}@example.com`, password },
    });
    expect(response.status(), password).toBe(400);
    expect((await response.json()).error.message).toContain("most common passwords");
  }
});

test("a draft create retried with the same id makes one draft", async ({ openDevices }) => {
  const [device] = await openDevices(1);
  const api = device.context.request;
  const id = randomUUID();
  const first = await api.post("/api/drafts", { data: { id, title: "Once" } });
  expect(first.status()).toBe(201);
  const again = await api.post("/api/drafts", { data: { id, title: "Once" } });
  expect(again.status()).toBe(200);
  expect((await again.json()).repeated).toBe(true);
  const list = (await (await api.get("/api/drafts")).json()).drafts;
  expect(list).toHaveLength(1);
  // The list is light: titles and versions, never bodies.
  expect(Object.keys(list[0]).sort()).toEqual(["createdAt", "id", "title", "updatedAt", "version"]);
});

test("drafts per account and bytes per document are capped, with a message in the page", async ({
  ownServer,
}) => {
  const { page, context } = await ownServer({
    HANDOFF_MAX_DRAFTS: "2",
    HANDOFF_MAX_DOC_BYTES: "4096",
  });
  const api = context.request;
  const tooBig = await api.post("/api/drafts", { data: { body: "x".repeat(5000) } });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).error.message).toContain("larger than 4 KB");
  for (const title of ["one", "two"]) {
    expect((await api.post("/api/drafts", { data: { title } })).status()).toBe(201);
  }
  const third = await api.post("/api/drafts", { data: { title: "three" } });
  expect(third.status()).toBe(403);
  expect((await third.json()).error).toEqual({
    code: "quota_exceeded",
    message: "An account holds at most 2 drafts; delete some to make room",
  });
  await page.reload();
  await page.getByRole("button", { name: "New draft" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not create" })).toContainText(
    "at most 2 drafts",
  );
  expect((await (await api.get("/api/drafts")).json()).drafts).toHaveLength(2);
});

test("an import that fails is refused whole, however often it is retried", async ({
  openDevices,
}) => {
  const [device] = await openDevices(1);
  const api = device.context.request;
  const sealed = (await (
    await api.post("/api/shipping/seal", {
      data: { name: "Ada", street: "1 Loop Road", city: "Town", postcode: "12345" },
    })
  ).json()) as { sealed: string };
  const damaged = `${sealed.sealed.slice(0, -4)}AAAA`;
  const payload = {
    importId: randomUUID(),
    drafts: [{ id: randomUUID(), title: "From the guest", body: "text" }],
    cart: { mug: 1 },
    form: { fullName: "", email: "", plan: "", startDate: "", motivation: "", agree: false },
    sealedShipping: damaged,
  };
  const before = (await api.get("/api/drafts")).headers().etag;
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await api.post("/api/import", { data: payload });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toContain("damaged");
  }
  expect((await api.get("/api/drafts")).headers().etag).toBe(before);
  expect((await (await api.get("/api/cart")).json()).cart).toMatchObject({ version: 0, data: {} });

  // The same import with sound data lands once; sending it again changes nothing.
  const good = { ...payload, sealedShipping: sealed.sealed };
  expect((await (await api.post("/api/import", { data: good })).json()).imported).toBe(true);
  expect((await (await api.post("/api/import", { data: good })).json()).imported).toBe(false);
  expect((await (await api.get("/api/cart")).json()).cart.data).toEqual({ mug: 1 });
  expect((await (await api.get("/api/shipping")).json()).shipping).toMatchObject({ name: "Ada" });
});

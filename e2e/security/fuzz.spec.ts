import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { expect, newAccount, signIn, signUp, test } from "../support/fixtures";
import { fillPath, ROUTES, SESSION_ENDING } from "./routes";

/** The user's change marker, as the list's ETag: it moves with every write to their data. */
const marker = async (api: APIRequestContext) => (await api.get("/api/drafts")).headers().etag;

const exportOf = async (api: APIRequestContext) => {
  const response = await api.get("/api/account");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { documents: unknown }).documents;
};

// 300 generated requests in npm test, 1000 in the extended run; HANDOFF_FUZZ_RUNS sets any count.
const FUZZ_RUNS = Number(
  process.env.HANDOFF_FUZZ_RUNS ?? (process.env.E2E_EXTENDED === "1" ? 1000 : 300),
);

test("fuzzing every route: no 5xx, and a rejected request writes nothing", async ({
  openDevices,
  request,
}) => {
  test.setTimeout(180_000);
  const [device] = await openDevices(1);
  const api = device.context.request;
  const own = (await (await api.post("/api/drafts", { data: { title: "fuzz" } })).json()).draft.id;

  const segment = fc.oneof(
    fc.constant(own),
    fc.uuid().map(String),
    fc.constantFrom("countdown", "order-1", "..", "%ff", "%2e%2e", "a%00b", "x".repeat(2000)),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
  );
  const body = fc.oneof(
    fc.constant(undefined),
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 200 }),
    fc
      .record(
        {
          id: fc.oneof(fc.constant(own), fc.uuid().map(String), fc.string()),
          title: fc.string({ maxLength: 250 }),
          body: fc.string({ maxLength: 500 }),
          mug: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.string()),
          seconds: fc.oneof(fc.double(), fc.integer()),
          at: fc.integer(),
          keepNothing: fc.oneof(fc.boolean(), fc.string()),
          email: fc.oneof(fc.emailAddress(), fc.string()),
          password: fc.string({ maxLength: 30 }),
          importId: fc.uuid().map(String),
          confirm: fc.string(),
          currentPassword: fc.string(),
          newPassword: fc.string(),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
  );
  const requestArb = fc.record({
    route: fc.constantFrom(...ROUTES),
    method: fc.option(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"), { freq: 3 }),
    draft: segment,
    order: segment,
    video: segment,
    trash: segment,
    version: fc.oneof(fc.constantFrom("1", "2", "0", "-1", "1e3", "99999999999"), segment),
    body,
    contentType: fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "",
    ),
    ifMatch: fc.option(
      fc.oneof(fc.constantFrom('"v0"', '"v1"', '"v2"', "*", '"v99999999999999999"'), fc.string()),
    ),
    ifNoneMatch: fc.option(fc.string({ maxLength: 20 })),
    saveIntent: fc.option(fc.constantFrom("merge", "restore", "MERGE", "", "x".repeat(300))),
    anonymous: fc.boolean(),
  });

  let requests = 0;
  await fc.assert(
    fc.asyncProperty(requestArb, async (r) => {
      const method = r.method ?? r.route.method;
      const path = fillPath(r.route.path, r);
      if (SESSION_ENDING.some((s) => s.method === method && s.path === path)) return;
      const headers: Record<string, string> = {};
      if (r.contentType) headers["Content-Type"] = r.contentType;
      if (r.ifMatch !== null) headers["If-Match"] = r.ifMatch;
      if (r.ifNoneMatch !== null) headers["If-None-Match"] = r.ifNoneMatch;
      if (r.saveIntent !== null) headers["Handoff-Save"] = r.saveIntent;
      const before = await marker(api);
      const client = r.anonymous ? request : api;
      const response = await client.fetch(path, {
        method,
        headers,
        ...(r.body === undefined || method === "GET" ? {} : { data: Buffer.from(r.body) }),
        maxRedirects: 0,
      });
      requests++;
      const status = response.status();
      expect(status, `${method} ${path} -> ${status}`).toBeLessThan(500);
      if (status >= 400) {
        expect(await marker(api), `${method} ${path} -> ${status} wrote`).toBe(before);
        if (path.startsWith("/api/") && !path.startsWith("/api/auth/")) {
          const json = await response.json().catch(() => null);
          expect(json?.error?.code, `${method} ${path}: error shape`).toEqual(expect.any(String));
        }
      }
    }),
    { numRuns: FUZZ_RUNS, verbose: 1 },
  );
  expect(requests).toBeGreaterThanOrEqual(FUZZ_RUNS * 0.9);
});

test("a user reaches nothing of another user's through any route and method", async ({
  openDevices,
  browser,
  baseURL,
}) => {
  const [alice] = await openDevices(1);
  const a = alice.context.request;
  const draft = (
    await (
      await a.post("/api/drafts", { data: { title: "Alice's secret", body: "only for Alice" } })
    ).json()
  ).draft;
  await a.put("/api/cart", { data: { mug: 2 }, headers: { "If-Match": '"v0"' } });
  const order = (
    await (await a.post("/api/cart/checkout", { headers: { "If-Match": '"v1"' } })).json()
  ).order;
  await a.put("/api/cart", { data: { pen: 1 }, headers: { "If-Match": '"v2"' } });
  await a.put("/api/cart", { data: { pen: 0 }, headers: { "If-Match": '"v3"' } });
  expect((await (await a.get("/api/undo")).json()).undo.label).toBe("removed Fine-liner pen");
  const binned = (
    await (
      await a.post("/api/drafts", {
        data: { title: "Alice's binned secret", body: "only for Alice" },
      })
    ).json()
  ).draft;
  const trashed = (await (await a.delete(`/api/drafts/${binned.id}`)).json()).trashed;
  // Alice's draft has history (the version a merge replaced), and a cart line removed offers
  // her an undo.
  await a.put(`/api/drafts/${draft.id}`, {
    data: { title: "Alice's secret, merged", body: "only for Alice" },
    headers: { "If-Match": '"v1"', "Handoff-Save": "merge" },
  });
  await a.put("/api/application", {
    data: {
      step: 2,
      fullName: "Alice Secret",
      email: "",
      plan: "",
      startDate: "",
      motivation: "",
      agree: false,
    },
    headers: { "If-Match": '"v0"' },
  });
  await a.put("/api/positions/countdown", {
    data: { seconds: 7, at: 1 },
    headers: { "If-Match": '"v0"' },
  });
  const aliceBefore = await exportOf(a);
  expect(JSON.stringify(aliceBefore)).toContain("Alice Secret");

  const bob = newAccount();
  const bobContext = await browser.newContext({ baseURL });
  await signUp(bobContext.request, bob);
  await signIn(bobContext, bob);
  const b = bobContext.request;
  const params = {
    draft: draft.id,
    order: order.id,
    video: "countdown",
    trash: trashed.id,
    version: "1",
  };
  const bodies = [
    JSON.stringify({ title: "pwned", body: "pwned" }),
    JSON.stringify({ mug: 99 }),
    JSON.stringify({ seconds: 1, at: 2 }),
    JSON.stringify({ id: draft.id, title: "pwned" }),
    JSON.stringify({ userId: "alice", title: "x", body: "y" }),
  ];
  for (const route of [...ROUTES, ...SESSION_ENDING.filter((s) => s.path === "/api/account")]) {
    for (const data of bodies) {
      for (const ifMatch of ['"v1"', '"v2"', '"v3"']) {
        if (route.method === "DELETE" && route.path === "/api/account") continue; // Bob's own, not Alice's
        const response = await b.fetch(fillPath(route.path, params), {
          method: route.method,
          headers: { "Content-Type": "application/json", "If-Match": ifMatch },
          ...(route.method === "GET" ? {} : { data: Buffer.from(data) }),
          maxRedirects: 0,
        });
        expect(response.status()).toBeLessThan(500);
        const text = await response.text();
        for (const secret of [
          "Alice's secret",
          "Alice's binned secret",
          "only for Alice",
          "Alice Secret",
        ])
          expect(text, `${route.method} ${route.path}`).not.toContain(secret);
      }
    }
  }
  expect(await exportOf(a)).toEqual(aliceBefore);
  await bobContext.close();
});

test("the history budget holds whatever is saved, however often and however large", async ({
  openDevices,
}) => {
  test.setTimeout(180_000);
  // Two sessions of one user: a save over the other's version always keeps it.
  const [laptop, phone] = await openDevices(2);
  const devices = [laptop, phone].map((device) => device.context.request);
  const [api] = devices as [APIRequestContext];
  const own = (await (await api.post("/api/drafts", { data: { title: "budget" } })).json()).draft
    .id as string;
  // The e2e server's budget (e2e/support/server.mjs).
  const MAX_VERSIONS = 10;
  const MAX_BYTES = 65536;
  const save = fc.record({
    device: fc.integer({ min: 0, max: 1 }),
    kb: fc.integer({ min: 0, max: 24 }),
    intent: fc.constantFrom("merge", "restore", null),
  });
  let saves = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(save, { minLength: 5, maxLength: 15 }), async (batch) => {
      // The last save merges: the version it replaces is kept whatever came before.
      for (const s of [...batch, { device: 0, kb: 1, intent: "merge" }]) {
        const device = devices[s.device] as APIRequestContext;
        const etag = (await device.get(`/api/drafts/${own}`)).headers().etag as string;
        const response = await device.put(`/api/drafts/${own}`, {
          data: { title: `save ${saves}`, body: "x".repeat(s.kb * 1024) },
          headers: { "If-Match": etag, ...(s.intent ? { "Handoff-Save": s.intent } : {}) },
        });
        expect(response.status()).toBe(200);
        saves++;
      }
      const history = ((await exportOf(api)) as Array<{ kind: string; data: unknown }>)
        .filter((doc) => doc.kind === "history")
        .map((doc) => Buffer.byteLength(JSON.stringify(doc.data)));
      expect(history.length).toBeLessThanOrEqual(MAX_VERSIONS);
      expect(history.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThanOrEqual(MAX_BYTES);
      // The newest versions are the ones kept: the one the last save replaced is listed.
      const { history: listed } = await (await api.get(`/api/drafts/${own}/history`)).json();
      const { draft } = await (await api.get(`/api/drafts/${own}`)).json();
      expect(listed.length).toBe(history.length);
      expect(listed[0].version).toBe(draft.version - 1);
    }),
    { numRuns: 4 },
  );
  expect(saves).toBeGreaterThan(MAX_VERSIONS);
});

import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";

type Draft = { id: string; title: string; body: string; version: number };

async function signedInApi(
  openDevices: (n: 1) => Promise<[{ context: { request: APIRequestContext } }]>,
) {
  const [device] = await openDevices(1);
  return device.context.request;
}

async function create(api: APIRequestContext, data: object = { title: "t", body: "b" }) {
  const response = await api.post("/api/drafts", { data });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { draft: Draft }).draft;
}

test("without a session every drafts and Trash route answers 401 with the error shape", async ({
  request,
}) => {
  const id = "00000000-0000-4000-8000-000000000000";
  for (const response of [
    await request.get("/api/drafts"),
    await request.post("/api/drafts", { data: {} }),
    await request.get(`/api/drafts/${id}`),
    await request.get("/api/trash"),
    await request.delete("/api/trash"),
    await request.delete(`/api/trash/${id}`),
    await request.post(`/api/trash/${id}/restore`),
  ]) {
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: expect.any(String) },
    });
  }
});

test("sign-up validates its input", async ({ request }) => {
  const bad = await request.post("/api/users", {
    data: { email: "not-an-email", password: "short" },
  });
  expect(bad.status()).toBe(400);
  const { error } = await bad.json();
  expect(error.code).toBe("validation_failed");
  expect(error.message).toContain("email");
  expect(error.message).toContain("at least 8 characters");
});

test("create, read, list, update and delete with ETags", async ({ openDevices }) => {
  const api = await signedInApi(openDevices);
  const created = await api.post("/api/drafts", { data: { title: "Hello" } });
  expect(created.status()).toBe(201);
  expect(created.headers().etag).toBe('"v1"');
  const draft = ((await created.json()) as { draft: Draft }).draft;
  expect(draft).toMatchObject({ title: "Hello", body: "", version: 1 });
  expect(Object.keys(draft).sort()).toEqual([
    "body",
    "createdAt",
    "id",
    "title",
    "updatedAt",
    "version",
  ]);

  const one = await api.get(`/api/drafts/${draft.id}`);
  expect(one.status()).toBe(200);
  expect(one.headers().etag).toBe('"v1"');
  expect(
    (await api.get(`/api/drafts/${draft.id}`, { headers: { "If-None-Match": '"v1"' } })).status(),
  ).toBe(304);

  const list = await api.get("/api/drafts");
  const etag = list.headers().etag ?? "";
  expect(etag).toBeTruthy();
  expect((await list.json()).drafts.map((d: Draft) => d.id)).toEqual([draft.id]);
  const idle = await api.get("/api/drafts", { headers: { "If-None-Match": etag } });
  expect(idle.status()).toBe(304);
  expect(await idle.body()).toHaveLength(0);

  const put = await api.put(`/api/drafts/${draft.id}`, {
    data: { title: "Hello", body: "world" },
    headers: { "If-Match": '"v1"' },
  });
  expect(put.status()).toBe(200);
  expect(put.headers().etag).toBe('"v2"');
  expect((await put.json()).draft).toMatchObject({ body: "world", version: 2 });
  // The list changed, so its old ETag no longer matches.
  expect((await api.get("/api/drafts", { headers: { "If-None-Match": etag } })).status()).toBe(200);

  const second = await create(api, { title: "Newer" });
  expect((await (await api.get("/api/drafts")).json()).drafts.map((d: Draft) => d.id)).toEqual([
    second.id,
    draft.id,
  ]);

  // A delete moves the draft to the Trash and says where; a second finds nothing to move.
  const deleted = await api.delete(`/api/drafts/${draft.id}`);
  expect(deleted.status()).toBe(200);
  expect((await deleted.json()).trashed).toMatchObject({ draftId: draft.id, title: draft.title });
  expect((await api.get(`/api/drafts/${draft.id}`)).status()).toBe(404);
  expect((await api.delete(`/api/drafts/${draft.id}`)).status()).toBe(204);
});

test("a stale If-Match gets 412 with the current draft and writes nothing", async ({
  openDevices,
}) => {
  const api = await signedInApi(openDevices);
  const draft = await create(api);
  await api.put(`/api/drafts/${draft.id}`, {
    data: { title: "t", body: "first" },
    headers: { "If-Match": '"v1"' },
  });
  const stale = await api.put(`/api/drafts/${draft.id}`, {
    data: { title: "t", body: "second" },
    headers: { "If-Match": '"v1"' },
  });
  expect(stale.status()).toBe(412);
  const body = await stale.json();
  expect(body.error.code).toBe("version_conflict");
  expect(body.current).toMatchObject({ id: draft.id, body: "first", version: 2 });
  expect((await (await api.get(`/api/drafts/${draft.id}`)).json()).draft.body).toBe("first");

  const missing = await api.put(`/api/drafts/${draft.id}`, { data: { title: "t", body: "x" } });
  expect(missing.status()).toBe(428);
});

test('a save with If-Match "v0" creates the draft under the client\'s id, once', async ({
  openDevices,
}) => {
  const api = await signedInApi(openDevices);
  const id = crypto.randomUUID();
  const made = await api.put(`/api/drafts/${id}`, {
    data: { title: "Written on a train", body: "offline" },
    headers: { "If-Match": '"v0"' },
  });
  expect(made.status()).toBe(200);
  expect((await made.json()).draft).toMatchObject({ id, version: 1, body: "offline" });
  // Sent again (the first answer was lost): a conflict with what is there, not a second draft.
  const again = await api.put(`/api/drafts/${id}`, {
    data: { title: "Written on a train", body: "offline, more" },
    headers: { "If-Match": '"v0"' },
  });
  expect(again.status()).toBe(412);
  expect((await again.json()).current).toMatchObject({ id, version: 1, body: "offline" });
  const { drafts } = await (await api.get("/api/drafts")).json();
  expect(drafts.map((d: { id: string }) => d.id)).toEqual([id]);
});

test("bad input gets a clear 4xx and changes nothing", async ({ openDevices }) => {
  const api = await signedInApi(openDevices);
  const draft = await create(api, { title: "keep", body: "keep" });
  const url = `/api/drafts/${draft.id}`;
  const ifMatch = { "If-Match": '"v1"' };

  const notJson = await api.put(url, {
    data: Buffer.from("{nope"),
    headers: { ...ifMatch, "Content-Type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.code).toBe("invalid_json");

  const wrongType = await api.put(url, {
    data: "title=x",
    headers: { ...ifMatch, "Content-Type": "text/plain" },
  });
  expect(wrongType.status()).toBe(415);

  const longTitle = await api.put(url, {
    data: { title: "x".repeat(201), body: "" },
    headers: ifMatch,
  });
  expect(longTitle.status()).toBe(400);
  expect((await longTitle.json()).error.message).toContain("title: must be at most 200 characters");

  const bigBody = await api.put(url, {
    data: { title: "t", body: "x".repeat(100 * 1024 + 1) },
    headers: ifMatch,
  });
  expect(bigBody.status()).toBe(400);
  expect((await bigBody.json()).error.message).toContain("body: must be at most 100 KB");

  const huge = await api.put(url, {
    data: { title: "t", body: "x".repeat(300 * 1024) },
    headers: ifMatch,
  });
  expect(huge.status()).toBe(413);

  const extra = await api.put(url, {
    data: { title: "t", body: "b", userId: "someone-else" },
    headers: ifMatch,
  });
  expect(extra.status()).toBe(400);

  const newBig = await api.post("/api/drafts", { data: { body: "x".repeat(100 * 1024 + 1) } });
  expect(newBig.status()).toBe(400);

  const after = (await (await api.get(url)).json()).draft;
  expect(after).toMatchObject({ title: "keep", body: "keep", version: 1 });
  expect((await (await api.get("/api/drafts")).json()).drafts).toHaveLength(1);
  expect((await api.get("/api/drafts/not-a-uuid")).status()).toBe(404);
});

test("the health route answers without a session or a store", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});

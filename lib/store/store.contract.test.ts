import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createCosmosStore } from "./cosmos";
import { createSqliteStore } from "./sqlite";
import { startTestCosmosServer } from "./test-cosmos-server.mjs";
import type { Store } from "./types";

type Harness = { store: Store; stop: () => Promise<void> };

const adapters: Array<[string, () => Promise<Harness>]> = [
  [
    "sqlite",
    async () => {
      const store = createSqliteStore({ file: ":memory:" });
      return { store, stop: () => store.close() };
    },
  ],
  [
    "cosmos",
    async () => {
      const server = await startTestCosmosServer();
      const store = createCosmosStore({ ...server, database: "contract", container: "items" });
      return {
        store,
        stop: async () => {
          await store.close();
          await server.close();
        },
      };
    },
  ],
];

const user = (email = `${randomUUID()}@example.com`) => ({
  id: randomUUID(),
  email,
  passwordHash: "scrypt$1$1$1$c2FsdA==$aGFzaA==",
  createdAt: new Date().toISOString(),
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(adapters)("store contract: %s", (_name, start) => {
  let harness: Harness;
  let store: Store;
  beforeAll(async () => {
    harness = await start();
    store = harness.store;
  });
  afterAll(() => harness.stop());

  it("creates a user and finds it by email; a second account with the email conflicts", async () => {
    const alice = user();
    await store.createUser(alice);
    expect(await store.findUserByEmail(alice.email)).toEqual(alice);
    expect(await store.findUserByEmail("nobody@example.com")).toBeNull();
    const error = await rejection(store.createUser({ ...user(alice.email) }));
    expect(error.code).toBe("conflict");
  });

  it("creates, reads, lists newest first, updates with a version check and deletes", async () => {
    const userId = randomUUID();
    const first = await store.createDoc({
      id: randomUUID(),
      userId,
      kind: "draft",
      data: { title: "one" },
    });
    expect(first).toMatchObject({ userId, kind: "draft", version: 1, data: { title: "one" } });
    await new Promise((r) => setTimeout(r, 5));
    const second = await store.createDoc({
      id: randomUUID(),
      userId,
      kind: "draft",
      data: { title: "two" },
    });
    await store.createDoc({ id: randomUUID(), userId, kind: "cart", data: { lines: [] } });

    expect((await store.listDocs(userId, "draft")).map((d) => d.id)).toEqual([second.id, first.id]);
    expect(await store.getDoc(userId, "draft", first.id)).toEqual(first);

    await new Promise((r) => setTimeout(r, 5));
    const updated = await store.updateDoc(userId, "draft", first.id, { title: "one, edited" }, 1);
    expect(updated).toMatchObject({
      version: 2,
      data: { title: "one, edited" },
      createdAt: first.createdAt,
    });
    expect(updated.updatedAt > first.updatedAt).toBe(true);
    expect((await store.listDocs(userId, "draft"))[0]?.id).toBe(first.id);

    expect(await store.deleteDoc(userId, "draft", first.id)).toBe(true);
    expect(await store.deleteDoc(userId, "draft", first.id)).toBe(false);
    expect(await store.getDoc(userId, "draft", first.id)).toBeNull();
  });

  it("rejects a stale version with the current document and changes nothing", async () => {
    const userId = randomUUID();
    const doc = await store.createDoc({
      id: randomUUID(),
      userId,
      kind: "draft",
      data: { body: "a" },
    });
    await store.updateDoc(userId, "draft", doc.id, { body: "b" }, 1);
    const error = await rejection(store.updateDoc(userId, "draft", doc.id, { body: "stale" }, 1));
    expect(error.code).toBe("version_conflict");
    expect(error.extra?.current).toMatchObject({ version: 2, data: { body: "b" } });
    expect((await store.getDoc(userId, "draft", doc.id))?.data).toEqual({ body: "b" });
  });

  it("treats a document of another kind as absent", async () => {
    const userId = randomUUID();
    const cart = await store.createDoc({
      id: randomUUID(),
      userId,
      kind: "cart",
      data: { lines: [] },
    });
    expect(await store.getDoc(userId, "draft", cart.id)).toBeNull();
    expect((await rejection(store.updateDoc(userId, "draft", cart.id, {}, 1))).code).toBe(
      "not_found",
    );
    expect(await store.deleteDoc(userId, "draft", cart.id)).toBe(false);
    expect(await store.getDoc(userId, "cart", cart.id)).toEqual(cart);
  });

  it("reports not_found when updating a missing document", async () => {
    const error = await rejection(store.updateDoc(randomUUID(), "draft", randomUUID(), {}, 1));
    expect(error.code).toBe("not_found");
  });

  it("keeps users apart: one user's id never reaches another user's document", async () => {
    const owner = randomUUID();
    const intruder = randomUUID();
    const doc = await store.createDoc({
      id: randomUUID(),
      userId: owner,
      kind: "draft",
      data: { body: "secret" },
    });
    expect(await store.getDoc(intruder, "draft", doc.id)).toBeNull();
    expect(await store.listDocs(intruder, "draft")).toEqual([]);
    expect(
      (await rejection(store.updateDoc(intruder, "draft", doc.id, { body: "x" }, 1))).code,
    ).toBe("not_found");
    expect(await store.deleteDoc(intruder, "draft", doc.id)).toBe(false);
    expect((await store.getDoc(owner, "draft", doc.id))?.data).toEqual({ body: "secret" });
  });

  it("bumps the user's change marker on every write and on nothing else", async () => {
    const userId = randomUUID();
    expect(await store.getMarker(userId)).toBe(0);
    const doc = await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
    const afterCreate = await store.getMarker(userId);
    expect(afterCreate).toBeGreaterThan(0);
    await store.listDocs(userId, "draft");
    await store.getDoc(userId, "draft", doc.id);
    await rejection(store.updateDoc(userId, "draft", doc.id, {}, 99));
    expect(await store.getMarker(userId)).toBe(afterCreate);
    await store.updateDoc(userId, "draft", doc.id, { a: 1 }, 1);
    const afterUpdate = await store.getMarker(userId);
    expect(afterUpdate).toBeGreaterThan(afterCreate);
    await store.deleteDoc(userId, "draft", doc.id);
    expect(await store.getMarker(userId)).toBeGreaterThan(afterUpdate);
    expect(await store.getMarker(randomUUID())).toBe(0);
  });

  it("lets exactly one of two concurrent updates from the same version win", async () => {
    const userId = randomUUID();
    const doc = await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: { n: 0 } });
    const results = await Promise.allSettled([
      store.updateDoc(userId, "draft", doc.id, { n: 1 }, 1),
      store.updateDoc(userId, "draft", doc.id, { n: 2 }, 1),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await store.getDoc(userId, "draft", doc.id))?.version).toBe(2);
  });
});

describe("cosmos adapter when the server is gone", () => {
  it("answers store_unavailable instead of hanging or leaking a raw error", async () => {
    const server = await startTestCosmosServer();
    const store = createCosmosStore({ ...server, database: "gone", container: "items" });
    await store.getMarker("u");
    await server.close();
    const error = await rejection(store.getMarker("u"));
    expect(error.code).toBe("store_unavailable");
    await store.close();
  });
});

describe("cosmos test server outage", () => {
  it("keeps its data across pause and resume, as a real account would", async () => {
    const server = await startTestCosmosServer();
    const store = createCosmosStore({ ...server, database: "outage", container: "items" });
    const doc = await store.createDoc({
      id: randomUUID(),
      userId: "u",
      kind: "draft",
      data: { a: 1 },
    });
    await server.pause();
    expect((await rejection(store.getDoc("u", "draft", doc.id))).code).toBe("store_unavailable");
    await server.resume();
    expect(await store.getDoc("u", "draft", doc.id)).toEqual(doc);
    await store.close();
    await server.close();
  });
});

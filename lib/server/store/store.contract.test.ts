import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/shared/errors";
import { createCosmosStore } from "./cosmos";
import { createSqliteStore } from "./sqlite";
import { startTestCosmosServer } from "./test-cosmos-server.mjs";
import type { Store, StoredDoc } from "./types";
import { withCommits } from "./written";

type Harness = { store: Store; stop: () => Promise<void> };

/** The stores' clock: tests step it instead of sleeping, so order and expiry are exact. */
let time = Date.parse("2026-01-01T00:00:00Z");
const clock = () => time;
const advance = (ms: number) => {
  time += ms;
};

const adapters: Array<[string, () => Promise<Harness>]> = [
  [
    "sqlite",
    async () => {
      const store = createSqliteStore({ file: ":memory:", limits: { maxDocBytes: 4096 }, clock });
      return { store, stop: () => store.close() };
    },
  ],
  [
    "cosmos",
    async () => {
      const server = await startTestCosmosServer();
      const store = createCosmosStore({
        ...server,
        database: "contract",
        container: "items",
        limits: { maxDocBytes: 4096 },
        clock,
      });
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

const marker = async (store: Store, userId: string) => (await store.getControl(userId)).marker;

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
    advance(5);
    const second = await store.createDoc({
      id: randomUUID(),
      userId,
      kind: "draft",
      data: { title: "two" },
    });
    await store.createDoc({ id: randomUUID(), userId, kind: "cart", data: { lines: [] } });

    expect((await store.listDocs(userId, "draft")).map((d) => d.id)).toEqual([second.id, first.id]);
    expect(await store.getDoc(userId, "draft", first.id)).toEqual(first);

    advance(5);
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
    expect(await marker(store, userId)).toBe(0);
    const doc = await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
    const afterCreate = await marker(store, userId);
    expect(afterCreate).toBeGreaterThan(0);
    await store.listDocs(userId, "draft");
    await store.getDoc(userId, "draft", doc.id);
    await rejection(store.updateDoc(userId, "draft", doc.id, {}, 99));
    expect(await marker(store, userId)).toBe(afterCreate);
    await store.updateDoc(userId, "draft", doc.id, { a: 1 }, 1);
    const afterUpdate = await marker(store, userId);
    expect(afterUpdate).toBeGreaterThan(afterCreate);
    await store.deleteDoc(userId, "draft", doc.id);
    expect(await marker(store, userId)).toBeGreaterThan(afterUpdate);
    expect(await marker(store, randomUUID())).toBe(0);
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

  it("commits several writes with one marker bump, or none of them", async () => {
    const userId = randomUUID();
    const kept = await store.createDoc({ id: randomUUID(), userId, kind: "cart", data: { a: 1 } });
    const before = await marker(store, userId);
    const fresh = randomUUID();
    const written = await store.commit(userId, [
      { op: "create", kind: "draft", id: fresh, data: { title: "new" } },
      { op: "replace", kind: "cart", id: kept.id, data: { a: 2 }, expectedVersion: 1 },
    ]);
    expect(written.map((doc) => doc.version)).toEqual([1, 2]);
    expect(await marker(store, userId)).toBeGreaterThan(before);

    // A stale replace fails the commit; the create before it must not be left behind.
    const orphan = randomUUID();
    const error = await rejection(
      store.commit(userId, [
        { op: "create", kind: "draft", id: orphan, data: {} },
        { op: "replace", kind: "cart", id: kept.id, data: { a: 3 }, expectedVersion: 1 },
      ]),
    );
    expect(error.code).toBe("version_conflict");
    expect((error.extra?.current as StoredDoc | undefined)?.data).toEqual({ a: 2 });
    expect((await store.getDoc(userId, "cart", kept.id))?.data).toEqual({ a: 2 });
    if (store.name === "sqlite") {
      // The Cosmos DB test server runs a batch's operations in order without rolling back
      // (a real account does roll back); the adapter orders operations so that is harmless.
      expect(await store.getDoc(userId, "draft", orphan)).toBeNull();
    }
    expect(
      (
        await rejection(
          store.commit(userId, [{ op: "create", kind: "draft", id: fresh, data: {} }]),
        )
      ).code,
    ).toBe("conflict");
  });

  it("moves a document in one commit: a delete with a version check beside a create", async () => {
    const userId = randomUUID();
    const draft = await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
    await store.updateDoc(userId, "draft", draft.id, { title: "kept" }, 1);
    const binned = randomUUID();
    // A device that has not seen version 2 cannot delete it.
    const stale = await rejection(
      store.commit(userId, [
        { op: "delete", kind: "draft", id: draft.id, expectedVersion: 1 },
        { op: "create", kind: "trash", id: binned, data: { title: "kept" } },
      ]),
    );
    expect(stale.code).toBe("version_conflict");
    expect((stale.extra?.current as StoredDoc | undefined)?.version).toBe(2);
    expect(await store.getDoc(userId, "trash", binned)).toBeNull();

    const before = await marker(store, userId);
    const [deleted, created] = await store.commit(userId, [
      { op: "delete", kind: "draft", id: draft.id, expectedVersion: 2 },
      { op: "create", kind: "trash", id: binned, data: { title: "kept" } },
    ]);
    expect(deleted).toMatchObject({ id: draft.id, version: 2, data: { title: "kept" } });
    expect(created).toMatchObject({ id: binned, kind: "trash", version: 1 });
    // Put back, it goes on from its version: versions of one id only grow.
    const [, restored] = await store.commit(userId, [
      { op: "delete", kind: "trash", id: binned, expectedVersion: 1 },
      { op: "create", kind: "draft", id: draft.id, data: { title: "kept" }, version: 3 },
    ]);
    expect(restored).toMatchObject({ id: draft.id, version: 3, data: { title: "kept" } });
    expect((await store.getDoc(userId, "draft", draft.id))?.version).toBe(3);
    await store.commit(userId, [
      { op: "delete", kind: "draft", id: draft.id },
      { op: "create", kind: "trash", id: binned, data: { title: "kept" } },
    ]);
    expect(await store.getDoc(userId, "draft", draft.id)).toBeNull();
    expect(await marker(store, userId)).toBe(before + 3);
    // Deleting what is gone (or of another kind) is not_found, and writes nothing.
    for (const kind of ["draft", "cart"] as const) {
      const missing = await rejection(
        store.commit(userId, [{ op: "delete", kind, id: kind === "draft" ? draft.id : binned }]),
      );
      expect(missing.code).toBe("not_found");
    }
    expect(await marker(store, userId)).toBe(before + 3);
  });

  it("lets a document go when it expires: absent from every read from then on", async () => {
    const userId = randomUUID();
    const id = randomUUID();
    const [binned] = await store.commit(userId, [
      { op: "create", kind: "trash", id, data: { title: "old" }, expiresAt: time + 60_000 },
    ]);
    expect(binned?.expiresAt).toBe(time + 60_000);
    const kept = await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
    expect(await store.getDoc(userId, "trash", id)).toMatchObject({ expiresAt: time + 60_000 });
    expect(await store.countDocs(userId)).toBe(2);

    advance(60_000);
    expect(await store.getDoc(userId, "trash", id)).toBeNull();
    expect(await store.listDocs(userId, "trash")).toEqual([]);
    expect(await store.countDocs(userId, "trash")).toBe(0);
    expect(await store.countDocs(userId)).toBe(1);
    expect((await store.exportDocs(userId)).map((doc) => doc.id)).toEqual([kept.id]);
    expect(
      (await rejection(store.commit(userId, [{ op: "delete", kind: "trash", id }]))).code,
    ).toBe("not_found");
    // Other documents never expire.
    expect((await store.getDoc(userId, "draft", kept.id))?.expiresAt).toBeUndefined();
  });

  it("records the marker at which each kind last changed, and tells a request its commits", async () => {
    const userId = randomUUID();
    const [draft, created] = await withCommits(() =>
      store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} }),
    );
    const [, both] = await withCommits(() =>
      store.commit(userId, [
        { op: "create", kind: "cart", id: randomUUID(), data: {} },
        { op: "replace", kind: "draft", id: draft.id, data: { a: 1 }, expectedVersion: 1 },
      ]),
    );
    const [, deleted] = await withCommits(async () => {
      await store.createDoc({ id: randomUUID(), userId, kind: "position", data: {} });
      await rejection(store.updateDoc(userId, "draft", draft.id, {}, 1)); // stale: no commit
      return store.deleteDoc(userId, "draft", draft.id);
    });
    const control = await store.getControl(userId);
    expect([created, both, deleted].map((c) => c.markers)).toEqual([[1], [2], [3, 4]]);
    expect([created, both, deleted].map((c) => [...c.kinds].sort())).toEqual([
      ["draft"],
      ["cart", "draft"],
      ["draft", "position"],
    ]);
    expect(control.marker).toBe(4);
    expect(control.kinds).toEqual({ draft: 4, cart: 2, position: 3 });
    expect((await store.getControl(randomUUID())).kinds).toEqual({});
  });

  it("refuses a document larger than the limit and stores nothing", async () => {
    const userId = randomUUID();
    const big = { text: "x".repeat(5000) };
    expect(
      (await rejection(store.createDoc({ id: randomUUID(), userId, kind: "draft", data: big })))
        .code,
    ).toBe("payload_too_large");
    const doc = await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
    expect((await rejection(store.updateDoc(userId, "draft", doc.id, big, 1))).code).toBe(
      "payload_too_large",
    );
    expect(await store.countDocs(userId)).toBe(1);
  });

  it("counts, lists with chosen fields, and exports a user's documents", async () => {
    const userId = randomUUID();
    for (const title of ["a", "b"])
      await store.createDoc({
        id: randomUUID(),
        userId,
        kind: "draft",
        data: { title, body: "long" },
      });
    await store.createDoc({ id: "cart", userId, kind: "cart", data: { pen: 1 } });
    expect(await store.countDocs(userId, "draft")).toBe(2);
    expect(await store.countDocs(userId)).toBe(3);
    expect(await store.countDocs(randomUUID())).toBe(0);
    const light = await store.listDocs<{ title: string }>(userId, "draft", { fields: ["title"] });
    expect(light.map((doc) => doc.data).sort((x, y) => x.title.localeCompare(y.title))).toEqual([
      { title: "a" },
      { title: "b" },
    ]);
    // Numbers and strings come through as they are; a field a document lacks is absent.
    await store.createDoc({
      id: randomUUID(),
      userId,
      kind: "history",
      data: { draftId: "d", version: 7, body: "long", size: { nested: true } },
    });
    const [kept] = await store.listDocs(userId, "history", {
      fields: ["draftId", "version", "missing", "size"],
    });
    expect(kept?.data).toEqual({ draftId: "d", version: 7, size: { nested: true } });
    expect((await store.listDocs(userId, "history", { fields: [] }))[0]?.data).toEqual({});
    const all = await store.exportDocs(userId);
    expect(all.map((doc) => doc.kind).sort()).toEqual(["cart", "draft", "draft", "history"]);
    expect(all.every((doc) => doc.userId === userId)).toBe(true);
  });

  it("keeps session state beside the marker, changed without moving it", async () => {
    const userId = randomUUID();
    await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
    const before = await store.getControl(userId);
    await store.updateSessions(userId, () => ({
      sessionsValidAfter: 42,
      revoked: [{ sid: "s", startedAt: 1, expiresAt: 2 }],
    }));
    expect(await store.getControl(userId)).toEqual({
      marker: before.marker,
      kinds: before.kinds,
      sessionsValidAfter: 42,
      revoked: [{ sid: "s", startedAt: 1, expiresAt: 2 }],
      activeAt: 0,
      deletedAt: 0,
      changedAt: clock(),
    });
    // Concurrent changes are applied one after the other, none lost.
    await Promise.all(
      [1, 2, 3].map((n) =>
        store.updateSessions(userId, (current) => ({
          ...current,
          revoked: [...current.revoked, { sid: `c${n}`, startedAt: n, expiresAt: n }],
        })),
      ),
    );
    expect((await store.getControl(userId)).revoked).toHaveLength(4);
    const fresh = randomUUID();
    await store.updateSessions(fresh, () => ({ sessionsValidAfter: 7, revoked: [] }));
    expect(await store.getControl(fresh)).toEqual({
      marker: 0,
      kinds: {},
      sessionsValidAfter: 7,
      revoked: [],
      activeAt: 0,
      deletedAt: 0,
      changedAt: clock(),
    });
  });

  it("tells whose control changed since a time (writes, sessions, deletion; not presence), oldest first", async () => {
    advance(1000);
    const since = clock();
    const [writer, signedOut, present] = [randomUUID(), randomUUID(), randomUUID()];
    const account = user();
    await store.createUser(account);
    advance(10);
    await store.createDoc({ id: randomUUID(), userId: writer, kind: "draft", data: {} });
    advance(10);
    await store.updateSessions(signedOut, () => ({ sessionsValidAfter: 5, revoked: [] }));
    advance(10);
    await store.touchPresence(present, clock());
    advance(10);
    await store.deleteUser(account.id, account.email);
    const ours = new Set<string>([writer, signedOut, present, account.id]);
    const changes = (await store.changedSince(since, 100)).filter((c) => ours.has(c.userId));
    expect(changes.map((c) => [c.userId, c.changedAt - since])).toEqual([
      [writer, 10],
      [signedOut, 20],
      [account.id, 40],
    ]);
    expect(changes[0]).toMatchObject({ marker: 1, sessionsValidAfter: 0 });
    expect(changes[1]).toMatchObject({ marker: 0, sessionsValidAfter: 5 });
    expect(changes[2]).toMatchObject({ deletedAt: since + 40 });
    // Bounded: the oldest first, and nothing at or before `since`.
    expect((await store.changedSince(since, 1)).map((c) => c.userId)).toEqual([writer]);
    expect(await store.changedSince(clock(), 100)).toEqual([]);
  });

  it("records presence beside the marker without moving it", async () => {
    const userId = randomUUID();
    await store.touchPresence(userId, 1000);
    expect(await store.getControl(userId)).toMatchObject({ marker: 0, activeAt: 1000 });
    await store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
    const { marker } = await store.getControl(userId);
    expect(marker).toBeGreaterThan(0);
    await store.touchPresence(userId, 2000);
    expect(await store.getControl(userId)).toMatchObject({ marker, activeAt: 2000 });
  });

  it("deletes a user's documents and account, ending their sessions, and nobody else's", async () => {
    const account = user();
    await store.createUser(account);
    const other = randomUUID();
    await store.createDoc({ id: randomUUID(), userId: account.id, kind: "draft", data: {} });
    await store.createDoc({ id: "cart", userId: account.id, kind: "cart", data: {} });
    const kept = await store.createDoc({
      id: randomUUID(),
      userId: other,
      kind: "draft",
      data: {},
    });
    const before = clock();
    await store.deleteUser(account.id, account.email);
    expect(await store.exportDocs(account.id)).toEqual([]);
    expect(await store.countDocs(account.id)).toBe(0);
    expect(await store.findUserByEmail(account.email)).toBeNull();
    // Its old sessions are told why they ended: the account is gone.
    expect(await store.getControl(account.id)).toMatchObject({
      sessionsValidAfter: before,
      deletedAt: before,
    });
    expect(await store.getDoc(other, "draft", kept.id)).not.toBeNull();
    // The email can sign up again.
    await store.createUser({ ...user(account.email) });
  });

  it("changes a password hash by email", async () => {
    const account = user();
    await store.createUser(account);
    expect(await store.setPasswordHash(account.email, "new-hash")).toBe(true);
    expect((await store.findUserByEmail(account.email))?.passwordHash).toBe("new-hash");
    expect(await store.setPasswordHash(`${randomUUID()}@example.com`, "x")).toBe(false);
  });

  it("counts attempts in a window that every caller shares, and clears them", async () => {
    const key = `test:${randomUUID()}`;
    expect(await store.readCounter(key)).toBeNull();
    const hits = await Promise.all([1, 2, 3].map(() => store.hitCounter(key, 60_000)));
    expect(hits.map((hit) => hit.count).sort()).toEqual([1, 2, 3]);
    expect((await store.readCounter(key))?.count).toBe(3);
    await store.clearCounter(key);
    expect(await store.readCounter(key)).toBeNull();
    const short = `test:${randomUUID()}`;
    await store.hitCounter(short, 30);
    await store.hitCounter(short, 30);
    advance(60);
    expect(await store.readCounter(short)).toBeNull();
    expect((await store.hitCounter(short, 60_000)).count).toBe(1);
  });
});

describe("cosmos adapter when the server is gone", () => {
  it("answers store_unavailable instead of hanging or leaking a raw error", async () => {
    const server = await startTestCosmosServer();
    const store = createCosmosStore({ ...server, database: "gone", container: "items" });
    await marker(store, "u");
    await server.close();
    const error = await rejection(marker(store, "u"));
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

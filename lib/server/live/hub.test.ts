import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withAllRevoked, withRevoked } from "@/lib/server/auth/session-control";
import { createSqliteStore } from "@/lib/server/store/sqlite";
import type { Store } from "@/lib/server/store/types";
import { onCommitted } from "@/lib/server/store/written";
import { LiveHub, type LiveStream } from "./hub";

let time = Date.parse("2026-03-01T00:00:00Z");
const clock = () => time;

function setup(caps = { maxStreams: 100, maxStreamsPerUser: 5 }) {
  const store = createSqliteStore({ file: ":memory:", clock });
  const reads: number[] = [];
  const hub = new LiveHub({
    changedSince: async (since, limit) => {
      const rows = await store.changedSince(since, limit);
      reads.push(rows.length);
      return rows;
    },
    intervalMs: 60_000, // the tests call look() themselves
    ...caps,
    overlapEvery: 1, // every look reaches back (the test of skew below says why)
    pageSize: 2,
    clock,
  });
  return { store, hub, reads };
}

const session = (startedAt = time - 1000) => ({ sid: randomUUID(), startedAt });

function stream(userId: string, marker = 0, s = session()) {
  const events: Array<[string, unknown]> = [];
  const handle: LiveStream = {
    userId,
    session: s,
    marker,
    poke: (m) => events.push(["poke", m]),
    end: (reason) => events.push(["end", reason]),
    close: () => events.push(["close", null]),
  };
  return { handle, events };
}

const write = (store: Store, userId: string) => {
  time += 5;
  return store.createDoc({ id: randomUUID(), userId, kind: "draft", data: {} });
};

describe("the live hub", () => {
  let hub: LiveHub | undefined;
  afterEach(() => hub?.stop());

  it("pokes this instance's streams as soon as it commits, and the feed does not poke them again", async () => {
    const t = setup();
    hub = t.hub;
    const [alice, bob] = [randomUUID(), randomUUID()];
    const phone = stream(alice);
    const other = stream(bob);
    for (const s of [phone, other]) t.hub.add(s.handle);
    const stop = onCommitted((userId, marker) => t.hub.committed(userId, marker));
    try {
      await write(t.store, alice);
      await Promise.resolve(); // the listeners run once the transaction has committed
      expect(phone.events).toEqual([["poke", 1]]);
      expect(other.events).toEqual([]);
      await t.hub.look();
      expect(phone.events).toEqual([["poke", 1]]);
      expect(t.reads).toEqual([1]);
    } finally {
      stop();
    }
  });

  it("pokes every stream of a user whose marker moved, once, with one feed read for all", async () => {
    const t = setup();
    hub = t.hub;
    const [alice, bob] = [randomUUID(), randomUUID()];
    const phone = stream(alice);
    const laptop = stream(alice);
    const other = stream(bob);
    for (const s of [phone, laptop, other]) t.hub.add(s.handle);
    await write(t.store, alice);
    await t.hub.look();
    expect(phone.events).toEqual([["poke", 1]]);
    expect(laptop.events).toEqual([["poke", 1]]);
    expect(other.events).toEqual([]);
    expect(t.reads).toEqual([1]);
    // The next look reads the same row again (the overlap for writers' clocks): no second poke.
    await t.hub.look();
    expect(phone.events).toEqual([["poke", 1]]);
    // Three writes in one interval are one poke, with the newest marker.
    await write(t.store, alice);
    await write(t.store, alice);
    await write(t.store, bob);
    await t.hub.look();
    expect(phone.events).toEqual([
      ["poke", 1],
      ["poke", 3],
    ]);
    expect(other.events).toEqual([["poke", 1]]);
  });

  it("tells a change stamped by a slower clock at the next look that reaches back", async () => {
    const store = createSqliteStore({ file: ":memory:", clock });
    hub = new LiveHub({
      changedSince: (since, limit) => store.changedSince(since, limit),
      intervalMs: 60_000,
      maxStreams: 10,
      maxStreamsPerUser: 10,
      overlapEvery: 3,
      clock,
    });
    const [fast, slow] = [randomUUID(), randomUUID()];
    const slowStream = stream(slow);
    hub.add(stream(fast).handle);
    hub.add(slowStream.handle);
    await hub.look(); // reaches back (the first look)
    await write(store, fast);
    await hub.look(); // from the newest change seen
    time -= 1000; // another instance's clock, a second behind
    await write(store, slow);
    time += 1000;
    await hub.look();
    expect(slowStream.events).toEqual([]);
    await hub.look(); // the third look since the first reaches back 2 s
    expect(slowStream.events).toEqual([["poke", 1]]);
  });

  it("follows a full page at once, so a burst of writes is not read one interval at a time", async () => {
    const t = setup();
    hub = t.hub;
    const users = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const streams = users.map((id) => stream(id));
    for (const s of streams) t.hub.add(s.handle);
    for (const id of users) await write(t.store, id);
    await t.hub.look();
    expect(streams.map((s) => s.events)).toEqual(users.map(() => [["poke", 1]]));
    expect(t.reads.length).toBeGreaterThanOrEqual(3); // pages of 2
  });

  it("ends the streams of a signed-out, revoked or deleted session, and only those", async () => {
    const t = setup();
    hub = t.hub;
    const alice = randomUUID();
    const mine = session();
    const signedOut = stream(alice, 0, mine);
    const stays = stream(alice, 0, session(time + 10));
    t.hub.add(signedOut.handle);
    t.hub.add(stays.handle);
    time += 5;
    await t.store.updateSessions(alice, (c) =>
      withRevoked(c, { ...mine, expiresAt: time + 60_000 }, 50, time),
    );
    await t.hub.look();
    expect(signedOut.events).toEqual([["end", "signed_out"]]);
    expect(stays.events).toEqual([]);

    time += 50;
    await t.store.updateSessions(alice, (c) => withAllRevoked(c, time));
    await t.hub.look();
    expect(stays.events).toEqual([["end", "revoked"]]);

    const bob = randomUUID();
    const gone = stream(bob);
    t.hub.add(gone.handle);
    time += 5;
    await t.store.deleteUser(bob, null);
    await t.hub.look();
    expect(gone.events).toEqual([["end", "deleted"]]);
  });

  it("caps streams per user and per instance with a 429, and counts the removed ones out", () => {
    const t = setup({ maxStreams: 3, maxStreamsPerUser: 2 });
    hub = t.hub;
    const alice = randomUUID();
    const removeFirst = t.hub.add(stream(alice).handle);
    t.hub.add(stream(alice).handle);
    expect(() => t.hub.add(stream(alice).handle)).toThrow(
      expect.objectContaining({ code: "too_many_requests" }),
    );
    t.hub.add(stream(randomUUID()).handle);
    expect(() => t.hub.add(stream(randomUUID()).handle)).toThrow(
      expect.objectContaining({
        code: "too_many_requests",
        message: expect.stringMatching(/server/),
      }),
    );
    removeFirst();
    removeFirst(); // twice is once
    expect(t.hub.size).toBe(2);
    expect(() => t.hub.add(stream(alice).handle)).not.toThrow();
  });

  it("closes every stream for a graceful shutdown", () => {
    const t = setup();
    hub = t.hub;
    const streams = [stream(randomUUID()), stream(randomUUID())];
    for (const s of streams) {
      const remove = t.hub.add(s.handle);
      s.handle.close = () => {
        s.events.push(["close", null]);
        remove();
      };
    }
    t.hub.closeAll();
    expect(streams.map((s) => s.events)).toEqual([[["close", null]], [["close", null]]]);
    expect(t.hub.size).toBe(0);
  });

  it("reads the feed only while a stream is open", async () => {
    vi.useFakeTimers();
    try {
      const looks: number[] = [];
      hub = new LiveHub({
        changedSince: async () => {
          looks.push(Date.now());
          return [];
        },
        intervalMs: 200,
        maxStreams: 10,
        maxStreamsPerUser: 10,
      });
      await vi.advanceTimersByTimeAsync(1000);
      expect(looks).toHaveLength(0);
      const remove = hub.add(stream(randomUUID()).handle);
      await vi.advanceTimersByTimeAsync(1000);
      expect(looks).toHaveLength(5);
      remove();
      await vi.advanceTimersByTimeAsync(1000);
      expect(looks).toHaveLength(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps serving when a feed read fails, and says so", async () => {
    const failures: unknown[] = [];
    let fail = true;
    hub = new LiveHub({
      changedSince: async () => {
        if (fail) throw new Error("store down");
        return [];
      },
      intervalMs: 60_000,
      maxStreams: 10,
      maxStreamsPerUser: 10,
      observe: { feedFailed: (e) => failures.push(e) },
    });
    hub.add(stream(randomUUID()).handle);
    await hub.look();
    fail = false;
    await hub.look();
    expect(failures).toHaveLength(1);
  });
});

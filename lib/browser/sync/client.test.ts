import { describe, expect, it, vi } from "vitest";
import { MemoryStorage } from "@/lib/browser/device/storage";
import type { AnswerCopy, CopiedAnswer } from "@/lib/browser/offline/answer-copy";
import { SYNCED_KINDS } from "@/lib/shared/kinds";
import { cartKind } from "@/lib/shared/shop/kind";
import { versionTag } from "@/lib/shared/sync/kind";
import { SyncClient, type SyncClientOptions } from "./client";
import type { ChannelLike } from "./tab-channel";

/** A BroadcastChannel stand-in: what one tab posts reaches the others of the same name. */
function channels() {
  const open = new Set<{ name: string; channel: ChannelLike }>();
  return (name: string): ChannelLike => {
    const channel: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        for (const other of open)
          if (other.name === name && other.channel !== channel)
            queueMicrotask(() => other.channel.onmessage?.({ data: message } as MessageEvent));
      },
      close: () => open.delete(entry),
    };
    const entry = { name, channel };
    open.add(entry);
    return channel;
  };
}

/** A server for one user's cart: ETags, 304s, If-Match; records what each request carried. */
function cartServer() {
  let cart = { version: 0, data: {} as Record<string, number>, updatedAt: null as string | null };
  const requests: Array<{ url: string; method: string; headers: Headers }> = [];
  let unauthorized: string | null = null;
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const method = init.method ?? "GET";
    requests.push({ url: String(input), method, headers });
    if (unauthorized)
      return Response.json(
        { error: { code: "unauthorized", message: "ended" }, reason: unauthorized },
        { status: 401 },
      );
    const etag = versionTag(cart.version);
    if (method === "PUT") {
      if (headers.get("If-Match") !== etag)
        return Response.json(
          { error: { code: "version_conflict" }, current: cart },
          { status: 412 },
        );
      cart = { version: cart.version + 1, data: JSON.parse(String(init.body)), updatedAt: "now" };
      return Response.json({ cart }, { headers: { ETag: versionTag(cart.version) } });
    }
    if (headers.get("If-None-Match") === etag) return new Response(null, { status: 304 });
    return Response.json({ cart }, { headers: { ETag: etag } });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    endSessions(reason: string) {
      unauthorized = reason;
    },
  };
}

function client(userId: string, options: Partial<SyncClientOptions> = {}) {
  const server = cartServer();
  const navigate = vi.fn();
  const local = new MemoryStorage();
  const sync = new SyncClient({
    scope: { kind: "user", userId, sessionHint: `hint-${userId}` },
    kinds: SYNCED_KINDS,
    storage: { local, session: new MemoryStorage(), keepsNothing: false },
    fetch: server.fetch,
    channel: () => null,
    locks: null,
    navigate,
    ...options,
  });
  return { sync, server, navigate, local };
}

describe("SyncClient", () => {
  it("lets two clients live in one process without sharing anything", async () => {
    const a = client("alice");
    const b = client("bob");
    expect(a.sync.tabs.name).not.toBe(b.sync.tabs.name);
    expect(a.sync.outbox.key).toBe("handoff:outbox:alice");
    expect(b.sync.outbox.key).toBe("handoff:outbox:bob");
    expect(a.sync.swr.cache).not.toBe(b.sync.swr.cache);

    // Each has its own last answers: Alice's ETag never goes out with Bob's requests.
    await a.sync.fetcher("/api/cart");
    await a.sync.fetcher("/api/cart");
    await b.sync.fetcher("/api/cart");
    expect(a.server.requests.map((r) => r.headers.get("If-None-Match"))).toEqual([null, '"v0"']);
    expect(b.server.requests.map((r) => r.headers.get("If-None-Match"))).toEqual([null]);
    expect(a.server.requests.every((r) => r.headers.get("Handoff-Session") === "hint-alice")).toBe(
      true,
    );

    // An edit on Alice's client waits in Alice's outbox only, and lands in Alice's caches only.
    const engine = a.sync.openDoc(cartKind, "", { version: 0, data: {} });
    engine.edit({ mug: 2 });
    expect(a.local.getItem("handoff:outbox:alice")).toContain("mug");
    expect(b.local.length).toBe(0);
    await engine.flush();
    expect(engine.getSnapshot().status.kind).toBe("saved");
    expect(a.local.length).toBe(0);
    expect(a.sync.swr.cache.get("/api/cart")?.data).toMatchObject({ cart: { data: { mug: 2 } } });
    expect(b.sync.swr.cache.get("/api/cart")?.data).toBeUndefined();
    engine.dispose();
  });

  it("ends the session with the server's reason, once, in every tab of the browser", async () => {
    const bus = channels();
    const first = client("carol", { channel: bus });
    const second = client("carol", { channel: bus });
    first.sync.joinTabs();
    second.sync.joinTabs();
    first.server.endSessions("revoked");
    first.local.setItem("handoff:outbox:carol", "{}");

    await expect(first.sync.fetcher("/api/cart")).rejects.toMatchObject({ status: 401 });
    await first.sync.fetcher("/api/cart").catch(() => {});
    await vi.waitFor(() => expect(second.navigate).toHaveBeenCalled());
    expect(first.navigate.mock.calls).toEqual([["/signin?ended=revoked"]]);
    expect(second.navigate.mock.calls).toEqual([["/signin?ended=revoked"]]);
    expect(first.local.length).toBe(0);
  });

  it("takes another tab's newer answer, and drops one older than what it has", async () => {
    const bus = channels();
    const tab = client("erin", { channel: bus });
    tab.sync.joinTabs();
    const other = bus(tab.sync.tabs.name);
    const answer = (version: number, mug: number) => ({
      type: "response",
      url: "/api/cart",
      etag: versionTag(version),
      body: { cart: { version, data: { mug } } },
    });
    const shown = () => tab.sync.swr.cache.get("/api/cart")?.data;

    other.postMessage(answer(3, 3));
    await vi.waitFor(() => expect(shown()).toMatchObject({ cart: { version: 3 } }));
    // The other tab's request crossed a newer one: its late answer must not undo what is shown.
    other.postMessage(answer(2, 2));
    other.postMessage(answer(4, 4));
    await vi.waitFor(() => expect(shown()).toMatchObject({ cart: { version: 4 } }));
    other.postMessage(answer(3, 3));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shown()).toMatchObject({ cart: { version: 4, data: { mug: 4 } } });
    // And the next poll asks from the newest it knows.
    await tab.sync.fetcher("/api/cart");
    expect(tab.server.requests.at(-1)?.headers.get("If-None-Match")).toBe(versionTag(4));
  });

  it("takes no answer to a fetch sent before the page knew better, not even a 404", async () => {
    // The server has not got the draft made offline yet when the fetch is sent, and has by
    // the time the page's own save answers: the fetch's late 404 must not say "deleted".
    let answer = (_: Response) => {};
    const slow = (async () =>
      new Promise<Response>((resolve) => {
        answer = resolve;
      })) as typeof fetch;
    const device = client("gil", { fetch: slow });
    const notFound = () =>
      Response.json({ error: { code: "not_found", message: "No such cart" } }, { status: 404 });
    const saved = { cart: { version: 1, data: { mug: 1 } } };

    const early = device.sync.fetcher("/api/cart");
    device.sync.remember("/api/cart", versionTag(1), saved);
    answer(notFound());
    await expect(early).resolves.toBe(saved);

    // A 404 to a fetch sent after the page's last change is news: the cart is gone.
    const late = device.sync.fetcher("/api/cart");
    answer(notFound());
    await expect(late).rejects.toMatchObject({ status: 404 });
  });

  it("waits for its own sign-out before leaving, whatever a poll meets meanwhile", async () => {
    const device = client("dave");
    let finish = () => {};
    const leaving = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const signingOut = device.sync.signOut(() => leaving);
    device.server.endSessions("signed_out");
    await device.sync.fetcher("/api/cart").catch(() => {});
    await Promise.resolve();
    expect(device.navigate).not.toHaveBeenCalled();
    finish();
    await signingOut;
    await vi.waitFor(() => expect(device.navigate).toHaveBeenCalled());
    expect(device.navigate.mock.calls).toEqual([["/signin?ended=signed_out"]]);
  });

  it("forgets the user when the session ends, with no server to say so, and not before a renewal's end", async () => {
    vi.useFakeTimers();
    try {
      const device = client("fay");
      // A password change gives this device a new session, ending later than the first.
      device.sync.renewSession("hint-2", 10_000);
      await vi.advanceTimersByTimeAsync(8_000);
      device.sync.renewSession("hint-3", 10_000);
      await vi.advanceTimersByTimeAsync(8_000);
      expect(device.navigate).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(2_001);
      expect(device.navigate.mock.calls).toEqual([["/signin?ended=expired"]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows its copy when the server cannot be reached, says since when, and copies what changed here", async () => {
    const kept = new Map<string, CopiedAnswer>();
    const copy: AnswerCopy = {
      get: async (url) => kept.get(url),
      put: async (url, answer) => void kept.set(url, answer),
      remove: async (url) => void kept.delete(url),
      forget: async () => {},
    };
    const before = client("erin", { copy });
    await before.sync.swr.mutate("/api/cart", before.sync.fetcher("/api/cart"));
    expect(kept.get("/api/cart")).toMatchObject({ etag: '"v0"', body: { cart: { version: 0 } } });
    // A change made here (a save's answer) is copied with the ETag it came with.
    before.sync.remember("/api/cart", '"v1"', { cart: { version: 1, data: { mug: 1 } } });
    expect(kept.get("/api/cart")).toMatchObject({ etag: '"v1"', body: { cart: { version: 1 } } });
    // Shipping details are never copied.
    await before.sync.swr.mutate("/api/shipping", { shipping: { name: "Erin" } });
    expect(kept.has("/api/shipping")).toBe(false);

    // The next page load, with the server gone.
    let up = false;
    const server = cartServer();
    const flaky = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!up) throw new TypeError("Failed to fetch");
      return server.fetch(input, init);
    }) as typeof fetch;
    const after = client("erin", { copy, fetch: flaky });
    expect(after.sync.connection()).toEqual({ copySince: null, reached: false, waiting: false });
    await expect(after.sync.fetcher("/api/cart")).resolves.toMatchObject({
      cart: { version: 1, data: { mug: 1 } },
    });
    expect(after.sync.connection().copySince).toBe(kept.get("/api/cart")?.at);
    await expect(after.sync.fetcher("/api/orders")).rejects.toMatchObject({ status: 0 });

    up = true;
    await after.sync.fetcher("/api/cart");
    expect(after.sync.connection()).toEqual({ copySince: null, reached: true, waiting: false });
  });
});

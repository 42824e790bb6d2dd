import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * Every kind in SYNCED_KINDS round-trips through the one sync client, in both of its scopes: a
 * signed-in user's (the real API routes, SQLite in a temporary folder, a signed session
 * cookie; `fetch` is routed to the route handlers in process) and a guest's (the local API
 * over this "browser's" storage). Each does a save, a 412 merged by the kind's rule, and an
 * edit left in the outbox by a closed or crashed page and replayed; an account also an entry
 * an older version left and an edit still in the outbox at sign-out.
 */
const env = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/handoff-kinds-${process.pid}`;
  process.env.HANDOFF_DATA_DIR = dir;
  process.env.NEXTAUTH_SECRET = "kinds-test-secret-kinds-test-secret-0123";
  return { dir };
});

const { SYNCED_KINDS } = await import("./index");
const { SyncClient } = await import("@/lib/browser/sync/client");
const { ApiClientError } = await import("@/lib/browser/http/client");
const { clearHandoffStorage, MemoryStorage } = await import("@/lib/browser/device/storage");
type Kind = (typeof SYNCED_KINDS)[number];
type Data = Record<string, unknown>;
type Client = InstanceType<typeof SyncClient>;

/**
 * What to type into each kind, each edit a change from the one before: a save; device A and
 * device B from the same base (B's save meets a 412 and is merged into `merged`, which only the
 * kind's own rule gives); a page that crashes offline; a page signed out offline; an entry an
 * older version left in the outbox, keyed by its URL. A kind added
 * to SYNCED_KINDS needs a line here; its first test says so.
 */
type Edits = [Data, Data, Data, Data, Data, Data];
const SAMPLES: Record<
  string,
  { open?: (client: Client, kind: Kind) => Promise<string>; edits: Edits; merged: Data }
> = {
  draft: {
    open: async (client, kind) => ((await client.create(kind)) as { id: string }).id,
    edits: [
      { title: "Plan" },
      { title: "Plan A" },
      { body: "Buy milk" },
      { body: "Buy milk, eggs" },
      { title: "Plan B" },
      { title: "Plan C" },
    ],
    merged: { title: "Plan A", body: "Buy milk" },
  },
  // Quantities are counters: one more on A and two more on B make three more.
  cart: {
    edits: [{ mug: 1 }, { mug: 2 }, { mug: 3 }, { pen: 1 }, { tote: 2 }, { notebook: 1 }],
    merged: { mug: 4 },
  },
  application: {
    edits: [
      { fullName: "Ada" },
      { fullName: "Ada L" },
      { email: "ada@example.com" },
      { step: 2 },
      { motivation: "To learn" },
      { startDate: "2027-01-01" },
    ],
    merged: { fullName: "Ada L", email: "ada@example.com" },
  },
  position: {
    open: async () => "countdown",
    // The latest write wins: A's, made after B's, though B saves last.
    edits: [
      { seconds: 10, at: 1000 },
      { seconds: 20, at: 3000 },
      { seconds: 30, at: 2000 },
      { seconds: 40, at: 4000 },
      { seconds: 50, at: 5000 },
      { seconds: 60, at: 6000 },
    ],
    merged: { seconds: 20, at: 3000 },
  },
};

const ORIGIN = "http://127.0.0.1:3000";
const USER = "user-kinds";
let cookie = "";
let offline = false;

/** The app's API routes, matched the way Next matches folders: `[param]` is one segment. */
const APP = path.resolve(__dirname, "../../../app");
const routes = (function find(dir: string): Array<{ pattern: RegExp; file: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[...") ? [] : find(full);
    if (entry.name !== "route.ts") return [];
    const url = path.relative(APP, dir).replace(/\[(\w+)\]/g, "(?<$1>[^/]+)");
    return [{ pattern: new RegExp(`^/${url}$`), file: full }];
  });
})(path.join(APP, "api"));

/** A browser's fetch, answered by the route handlers: same origin, the session cookie. */
async function serve(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  if (offline) throw new TypeError("Failed to fetch");
  const url = new URL(String(input), ORIGIN);
  const method = (init.method ?? "GET").toUpperCase();
  for (const { pattern, file } of routes) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const handler = (await import(file))[method];
    if (typeof handler !== "function") return new Response(null, { status: 405 });
    const headers = new Headers(init.headers);
    headers.set("cookie", cookie);
    headers.set("host", url.host);
    headers.set("origin", ORIGIN);
    headers.set("sec-fetch-site", "same-origin");
    const request = new NextRequest(url, { method, headers, body: init.body });
    return handler(request, { params: Promise.resolve({ ...match.groups }) });
  }
  return new Response(null, { status: 404 });
}

beforeAll(async () => {
  const token = await encode({
    token: { sub: USER, email: "kinds@example.com", sid: "kinds-session", startedAt: Date.now() },
    secret: process.env.NEXTAUTH_SECRET as string,
  });
  cookie = `next-auth.session-token=${token}`;
});

afterAll(() => {
  rmSync(env.dir, { recursive: true, force: true });
});

/** A guest's browser: its tabs share this storage. */
const guestBrowser = new MemoryStorage();

/** The two scopes of a client; `client(storage)` is one page of a device with that storage. */
const SCOPES = {
  account: {
    client: (storage: Storage = new MemoryStorage()) =>
      new SyncClient({
        scope: { kind: "user", userId: USER, sessionHint: "" },
        kinds: SYNCED_KINDS,
        storage: { local: storage, session: new MemoryStorage(), keepsNothing: false },
        fetch: serve,
        channel: () => null,
        locks: null,
        navigate: () => {},
      }),
  },
  guest: {
    client: (storage: Storage = guestBrowser) =>
      new SyncClient({
        scope: { kind: "guest" },
        kinds: SYNCED_KINDS,
        storage: { local: storage, session: new MemoryStorage(), keepsNothing: false },
        channel: () => null,
        locks: null,
      }),
  },
};

async function serverCopy(client: Client, kind: Kind, id: string) {
  const { body } = await client.http<Record<string, unknown>>(kind.url(id));
  return kind.versioned(body?.[kind.name]);
}

/** Sends what the engine holds and waits until it is all stored (a 412 makes one more save). */
async function settle(sync: ReturnType<Client["openDoc"]>) {
  await sync.flush();
  await vi.waitFor(() => expect(sync.getSnapshot().status.kind).toBe("saved"));
}

describe.each(Object.entries(SCOPES))("as %s", (scopeName, scope) => {
  /**
   * Types `edit` and leaves the page before it is stored: an account's page offline (the save
   * fails, the edit waits in the outbox), a guest's page closed within the debounce.
   */
  async function leaveUnsent(device: Client, kind: Kind, id: string, edit: Data) {
    const page = device.openDoc(kind, id, await serverCopy(device, kind, id));
    page.edit(edit);
    if (scopeName === "account") {
      offline = true;
      await page.flush();
      offline = false;
      expect(page.getSnapshot().status.kind).toBe("retrying");
    }
    page.dispose();
    expect(device.outbox.pending()).toMatchObject([{ kind: kind.name, id }]);
  }

  describe.each(SYNCED_KINDS.map((kind) => [kind.name, kind] as const))("kind %s", (name, kind) => {
    let id = "";
    const sample = SAMPLES[name];
    const client = scope.client();

    it("has sample edits in this test", async () => {
      expect(sample, `add "${name}" to SAMPLES in lib/shared/kinds/kinds.test.ts`).toBeDefined();
      id = (await sample?.open?.(client, kind)) ?? "";
    });

    it("saves an edit with If-Match, and the store keeps it", async () => {
      const [edit] = sample?.edits ?? [{}];
      const before = await serverCopy(client, kind, id);
      const a = client.openDoc(kind, id, before);
      a.edit(edit);
      await settle(a);
      const saved = await serverCopy(client, kind, id);
      expect(saved.version).toBe(before.version + 1);
      expect(saved.data).toEqual({ ...before.data, ...edit });
      expect(a.getSnapshot()).toMatchObject({ version: saved.version, status: { kind: "saved" } });
    });

    it("merges a stale save (412) by the kind's rule", async () => {
      const [, first, second] = sample?.edits ?? [];
      const [deviceA, deviceB] = [scope.client(), scope.client()];
      const base = await serverCopy(deviceA, kind, id);
      const a = deviceA.openDoc(kind, id, base);
      const b = deviceB.openDoc(kind, id, base);
      a.edit(first ?? {});
      await settle(a);
      const theirs = await serverCopy(deviceA, kind, id);
      b.edit(second ?? {});
      await settle(b);
      const expected = { ...base.data, ...sample?.merged };
      const stored = await serverCopy(deviceA, kind, id);
      // A merge that comes out as theirs (the latest position) has nothing left to send.
      const sent = isDeepStrictEqual(expected, theirs.data) ? 0 : 1;
      expect(stored).toEqual({ version: theirs.version + sent, data: expected });
      expect(b.getSnapshot()).toMatchObject({ data: expected, status: { kind: "saved" } });
      expect(b.getSnapshot().remoteChangeAt, "B met A's version (412) and merged").not.toBeNull();
    });

    it("replays what a closed or crashed page left in the outbox", async () => {
      const edit = sample?.edits[3] ?? {};
      // The page that left it and the next page of the same browser share its storage.
      const storage = scopeName === "account" ? new MemoryStorage() : guestBrowser;
      await leaveUnsent(scope.client(storage), kind, id, edit);
      const next = scope.client(storage);
      await next.replayOutbox();
      expect(next.outbox.pending()).toEqual([]);
      expect((await serverCopy(next, kind, id)).data).toMatchObject(edit);
    });

    if (scopeName === "account") {
      it("sends an entry an older version left in the outbox, keyed by its URL", async () => {
        const edit = sample?.edits[5] ?? {};
        const storage = new MemoryStorage();
        const device = scope.client(storage);
        const base = await serverCopy(device, kind, id);
        const legacy = { key: kind.url(id), base, local: { ...base.data, ...edit }, since: 1 };
        storage.setItem(`handoff:outbox:${USER}`, JSON.stringify({ [kind.url(id)]: legacy }));
        await device.replayOutbox();
        expect(device.outbox.pending()).toEqual([]);
        expect((await serverCopy(device, kind, id)).data).toEqual({ ...base.data, ...edit });
      });

      it("sends what is left in the outbox at sign-out, then forgets it", async () => {
        const edit = sample?.edits[4] ?? {};
        const storage = new MemoryStorage();
        const device = scope.client(storage);
        await leaveUnsent(device, kind, id, edit);
        expect(await device.sendPendingEdits()).toBe(0);
        expect((await serverCopy(device, kind, id)).data).toMatchObject(edit);
        clearHandoffStorage([storage]);
        expect(storage.length).toBe(0);
      });
    }
  });
});

describe("a guest's local API", () => {
  it("refuses what the server would refuse, and says so the same way", async () => {
    const client = SCOPES.guest.client(new MemoryStorage());
    const cart = SYNCED_KINDS.find((kind) => kind.name === "cart") as Kind;
    const put = (body: unknown, version: string) =>
      client.http(cart.url(""), { method: "PUT", json: body, headers: { "If-Match": version } });
    await expect(put({ mug: -1 }, '"v0"')).rejects.toMatchObject({ status: 400 });
    await expect(put({ mug: 1 }, "")).rejects.toMatchObject({ status: 428 });
    await put({ mug: 1 }, '"v0"');
    const stale = await put({ mug: 2 }, '"v0"').catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(ApiClientError);
    expect((stale as InstanceType<typeof ApiClientError>).body.current).toMatchObject({
      version: 1,
      data: { mug: 1 },
    });
    await expect(client.http("/api/orders")).rejects.toMatchObject({ status: 404 });
  });
});

import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * Every kind in SYNCED_KINDS round-trips through the real API routes (SQLite in a temporary
 * folder, a signed session cookie) and the real client engine: a save, a 412 merged by the
 * kind's rule, an edit left in the outbox by a crashed page and replayed, and an edit still in
 * the outbox at sign-out. `fetch` is routed to the app's route handlers, in process.
 */
const env = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/handoff-kinds-${process.pid}`;
  process.env.HANDOFF_DATA_DIR = dir;
  process.env.NEXTAUTH_SECRET = "kinds-test-secret-kinds-test-secret-0123";
  return { dir };
});

const { SYNCED_KINDS } = await import("./index");
const { createDraft } = await import("@/lib/drafts/client");
const { DocSync } = await import("@/lib/sync/doc-sync");
const { apiFetch } = await import("@/lib/sync/api-client");
const { outboxFor, pendingEntries } = await import("@/lib/sync/outbox");
const { replayOutbox } = await import("@/lib/sync/replay-outbox");
const { kindTransport } = await import("@/lib/sync/transport");
const { sendPendingEdits } = await import("@/lib/session/leave");
const { clearHandoffStorage, MemoryStorage } = await import("@/lib/device/storage");
type Kind = (typeof SYNCED_KINDS)[number];
type Data = Record<string, unknown>;

/**
 * What to type into each kind, each edit a change from the one before: a save; device A and
 * device B from the same base (B's save meets a 412 and is merged into `merged`, which only the
 * kind's own rule gives); a page that crashes offline; a page signed out offline; an entry an
 * older version left in the outbox, keyed by its URL. A kind added
 * to SYNCED_KINDS needs a line here; its first test says so.
 */
type Edits = [Data, Data, Data, Data, Data, Data];
const SAMPLES: Record<string, { open?: () => Promise<string>; edits: Edits; merged: Data }> = {
  draft: {
    open: async () => (await createDraft({ title: "", body: "" })).id,
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
const APP = path.resolve(__dirname, "../../app");
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
  vi.stubGlobal("fetch", serve);
  vi.stubGlobal("localStorage", new MemoryStorage());
  vi.stubGlobal("sessionStorage", new MemoryStorage());
  const token = await encode({
    token: { sub: USER, email: "kinds@example.com", sid: "kinds-session", startedAt: Date.now() },
    secret: process.env.NEXTAUTH_SECRET as string,
  });
  cookie = `next-auth.session-token=${token}`;
});

afterAll(() => {
  vi.unstubAllGlobals();
  rmSync(env.dir, { recursive: true, force: true });
});

async function serverCopy(kind: Kind, id: string) {
  const { body } = await apiFetch<Record<string, unknown>>(kind.url(id));
  return kind.versioned(body?.[kind.name]);
}

/** A device's editor of one document: the engine with this kind's transport, merge and outbox. */
function device(kind: Kind, id: string, from: { version: number; data: Data }) {
  return new DocSync({
    initial: from,
    transport: kindTransport(kind, id),
    merge: kind.merge?.bind(kind),
    outbox: outboxFor(USER, kind, id),
    retryDelayMs: () => 60_000,
  });
}

/** Sends what the engine holds and waits until the server has it all (a 412 makes one more save). */
async function settle(sync: ReturnType<typeof device>) {
  await sync.flush();
  await vi.waitFor(() => expect(sync.getSnapshot().status.kind).toBe("saved"));
}

/** Types `edit` while offline, and leaves the page: the edit waits in the outbox. */
async function leaveOffline(kind: Kind, id: string, edit: Data) {
  const page = device(kind, id, await serverCopy(kind, id));
  offline = true;
  page.edit(edit);
  await page.flush();
  offline = false;
  expect(page.getSnapshot().status.kind).toBe("retrying");
  page.dispose();
  expect(pendingEntries(USER)).toMatchObject([{ kind: kind.name, id }]);
}

describe.each(SYNCED_KINDS.map((kind) => [kind.name, kind] as const))("kind %s", (name, kind) => {
  let id = "";
  const sample = SAMPLES[name];

  it("has sample edits in this test", async () => {
    expect(sample, `add "${name}" to SAMPLES in lib/kinds/kinds.test.ts`).toBeDefined();
    id = (await sample?.open?.()) ?? "";
  });

  it("saves an edit with If-Match, and the server keeps it", async () => {
    const [edit] = sample?.edits ?? [{}];
    const before = await serverCopy(kind, id);
    const a = device(kind, id, before);
    a.edit(edit);
    await settle(a);
    const saved = await serverCopy(kind, id);
    expect(saved.version).toBe(before.version + 1);
    expect(saved.data).toEqual({ ...before.data, ...edit });
    expect(a.getSnapshot()).toMatchObject({ version: saved.version, status: { kind: "saved" } });
  });

  it("merges a stale save (412) by the kind's rule", async () => {
    const [, first, second] = sample?.edits ?? [];
    const base = await serverCopy(kind, id);
    const a = device(kind, id, base);
    const b = device(kind, id, base);
    a.edit(first ?? {});
    await settle(a);
    const theirs = await serverCopy(kind, id);
    b.edit(second ?? {});
    await settle(b);
    const expected = { ...base.data, ...sample?.merged };
    const stored = await serverCopy(kind, id);
    // A merge that comes out as theirs (the latest position) has nothing left to send.
    const sent = isDeepStrictEqual(expected, theirs.data) ? 0 : 1;
    expect(stored).toEqual({ version: theirs.version + sent, data: expected });
    expect(b.getSnapshot()).toMatchObject({ data: expected, status: { kind: "saved" } });
    expect(b.getSnapshot().remoteChangeAt, "B met A's version (412) and merged").not.toBeNull();
  });

  it("replays what a crashed page left in the outbox", async () => {
    const edit = sample?.edits[3] ?? {};
    await leaveOffline(kind, id, edit);
    await replayOutbox(USER, SYNCED_KINDS);
    expect(pendingEntries(USER)).toEqual([]);
    expect((await serverCopy(kind, id)).data).toMatchObject(edit);
  });

  it("sends an entry an older version left in the outbox, keyed by its URL", async () => {
    const edit = sample?.edits[5] ?? {};
    const base = await serverCopy(kind, id);
    const legacy = { key: kind.url(id), base, local: { ...base.data, ...edit }, since: 1 };
    localStorage.setItem(`handoff:outbox:${USER}`, JSON.stringify({ [kind.url(id)]: legacy }));
    await replayOutbox(USER, SYNCED_KINDS);
    expect(pendingEntries(USER)).toEqual([]);
    expect((await serverCopy(kind, id)).data).toEqual({ ...base.data, ...edit });
  });

  it("sends what is left in the outbox at sign-out, then forgets it", async () => {
    const edit = sample?.edits[4] ?? {};
    await leaveOffline(kind, id, edit);
    expect(await sendPendingEdits(USER)).toBe(0);
    expect((await serverCopy(kind, id)).data).toMatchObject(edit);
    clearHandoffStorage();
    expect(localStorage.length).toBe(0);
  });
});

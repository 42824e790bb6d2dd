import fc from "fast-check";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryStorage } from "@/lib/browser/device/storage";
import { ApiClientError, type ApiRequest, type ApiResponse } from "@/lib/browser/http/client";
import { revertRestore } from "@/lib/shared/drafts/history";
import { draftKind } from "@/lib/shared/drafts/kind";
import type { Draft, DraftFields } from "@/lib/shared/drafts/schema";
import { SYNCED_KINDS } from "@/lib/shared/kinds";
import { parseVersionTag } from "@/lib/shared/sync/kind";
import { SAVE_INTENT_HEADER } from "@/lib/shared/sync/types";
import { SyncClient } from "./client";

/**
 * Model-based test of the sync client and its engine: 2 to 4 devices, each a SyncClient with
 * its own storage (its outbox), editing one draft against an in-memory server that enforces
 * If-Match, through random schedules of edits, polls, saves, offline spells, crashes (the page
 * and its client thrown away; the next page's client replays the outbox, then opens the draft
 * again), answers lost after the server applied a write, restores of an earlier version (an
 * ordinary save that says so) and undos of the last restore, done by the server from any
 * device while the others go on typing. After each schedule settles, every device shows what
 * the server holds, nothing waits in any outbox, and every word the server ever acknowledged
 * is in the draft, in a conflict copy or in the history. A failure prints fast-check's seed
 * and the shrunk schedule.
 */
type Doc = DraftFields;
const FIELDS = ["title", "body"] as const;
const ID = "5f0c7a3e-9d1b-4c55-8a35-0d2f4b1e6a77";
const DRAFT_URL = draftKind.url(ID);

function makeWorld(devices: number) {
  let stored = { version: 1, data: { title: "", body: "" } as Doc };
  const acknowledged = new Set<string>();
  const copies: Doc[] = [];
  /** Versions the server kept: the one a merge, a restore or an undo saved over. */
  const history: Doc[] = [];
  /** The last restore, until undone: what it replaced and what it restored. */
  let lastRestore: { replaced: Doc; restored: Doc } | null = null;
  const words = (doc: Doc) => `${doc.title} ${doc.body}`.split(/\s+/).filter(Boolean);
  const view = (version: number, data: Doc): Draft => ({
    id: ID,
    ...data,
    version,
    createdAt: "",
    updatedAt: "",
  });

  const device = () => {
    const state = { offline: false, loseNextAnswer: false };
    /** The server, as this device's network reaches it. */
    const http = async <T>(url: string, init: ApiRequest = {}): Promise<ApiResponse<T>> => {
      if (state.offline) throw new ApiClientError(0, "network", "offline");
      const answer = (body: unknown) =>
        ({ status: 200, etag: null, headers: new Headers(), body }) as ApiResponse<T>;
      if (url === draftKind.collection?.url && init.method === "POST") {
        const { id: _id, ...copy } = init.json as Doc & { id: string };
        copies.push(copy);
        return answer({ draft: view(1, copy) });
      }
      if (url !== DRAFT_URL || init.method !== "PUT") throw new Error(`unexpected ${url}`);
      const base = parseVersionTag(new Headers(init.headers).get("If-Match") ?? "");
      if (base !== stored.version)
        throw new ApiClientError(412, "version_conflict", "stale", {
          current: view(stored.version, stored.data),
        });
      const data = init.json as Doc;
      const intent = new Headers(init.headers).get(SAVE_INTENT_HEADER);
      if (intent === "merge" || intent === "restore") history.push(stored.data);
      if (intent === "restore") lastRestore = { replaced: stored.data, restored: data };
      stored = { version: stored.version + 1, data };
      for (const word of words(data)) acknowledged.add(word);
      if (state.loseNextAnswer) {
        state.loseNextAnswer = false;
        throw new ApiClientError(0, "network", "the answer was lost");
      }
      return answer({ draft: view(stored.version, data) });
    };
    const storage = new MemoryStorage();
    const page = () =>
      new SyncClient({
        scope: { kind: "user", userId: "model", sessionHint: "" },
        kinds: SYNCED_KINDS,
        storage: { local: storage, session: new MemoryStorage(), keepsNothing: false },
        http,
        channel: () => null,
        locks: null,
      });
    const client = page();
    /** An editor, as the page shows it (its owner lock held, see SyncClient.attachDoc). */
    const open = (on: SyncClient) => {
      const sync = on.openDoc(draftKind, ID, stored);
      on.attachDoc(draftKind, ID, sync);
      return sync;
    };
    return {
      state,
      client,
      sync: open(client),
      /**
       * The page and its client are thrown away; the next page opens the draft from the server
       * at once, and its client replays what the last one left, beside the open editor.
       */
      crash() {
        this.sync.dispose();
        this.client = page();
        this.sync = open(this.client);
        this.replaying = this.client.replayOutbox();
      },
      replaying: Promise.resolve(),
    };
  };

  return {
    devices: Array.from({ length: devices }, device),
    get stored() {
      return stored;
    },
    /** Undo of the last restore, from any device: the server merges it back (POST /api/undo). */
    undoRestore() {
      if (!lastRestore) return;
      history.push(stored.data);
      const { replaced, restored } = lastRestore;
      stored = {
        version: stored.version + 1,
        data: revertRestore(restored, replaced, stored.data),
      };
      lastRestore = null;
    },
    history,
    acknowledged,
    typed: new Set<string>(),
    copies,
    words,
  };
}

/** Awaits `promise`, moving the fake clock meanwhile: what it waits for may be a timer. */
async function whileTimePasses(promise: Promise<unknown>) {
  let done = false;
  void promise.finally(() => {
    done = true;
  });
  for (let step = 0; !done; step++) {
    if (step > 600) throw new Error("still waiting after a simulated minute");
    await vi.advanceTimersByTimeAsync(100);
  }
  await promise;
}

type Step =
  | { kind: "edit"; device: number; field: (typeof FIELDS)[number] }
  | { kind: "poll" | "flush" | "crash" | "loseAnswer"; device: number }
  | { kind: "restore"; device: number; pick: number }
  | { kind: "undo" }
  | { kind: "offline"; device: number; offline: boolean }
  | { kind: "wait"; ms: number };

const step = (devices: number): fc.Arbitrary<Step> => {
  const device = fc.integer({ min: 0, max: devices - 1 });
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant("edit" as const),
        device,
        field: fc.constantFrom(...FIELDS),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constantFrom("poll" as const, "flush" as const), device }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constantFrom("crash" as const, "loseAnswer" as const),
        device,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("offline" as const),
        device,
        offline: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.record({ kind: fc.constant("restore" as const), device, pick: fc.nat() }),
        fc.record({ kind: fc.constant("undo" as const) }),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("wait" as const),
        ms: fc.integer({ min: 0, max: 2000 }),
      }),
    },
  );
};

const schedule = fc.integer({ min: 2, max: 4 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    steps: fc.array(step(devices), { maxLength: 40, size: "medium" }),
  }),
);

async function run({ devices, steps }: { devices: number; steps: Step[] }) {
  const world = makeWorld(devices);
  let typed = 0;
  for (const s of steps) {
    if (s.kind === "wait") {
      await vi.advanceTimersByTimeAsync(s.ms);
      continue;
    }
    if (s.kind === "undo") {
      world.undoRestore();
      continue;
    }
    const d = world.devices[s.device];
    if (!d) continue;
    switch (s.kind) {
      case "edit": {
        const current = d.sync.getSnapshot().data[s.field];
        const word = `w${typed++}`;
        world.typed.add(word);
        d.sync.edit({ [s.field]: `${current} ${word}`.trim() });
        break;
      }
      case "poll":
        d.sync.receive(world.stored);
        break;
      case "restore": {
        // An earlier version the server kept, or the empty first one. What this device shows
        // unsaved is replaced by the user's choice: only what reached the server must stay.
        const versions = [{ title: "", body: "" }, ...world.history];
        const earlier = versions[s.pick % versions.length] as Doc;
        for (const word of world.words(d.sync.getSnapshot().data))
          if (!world.acknowledged.has(word)) world.typed.delete(word);
        void d.sync.restore(earlier);
        break;
      }
      case "flush":
        void d.sync.flush();
        break;
      case "crash":
        d.crash();
        break;
      case "loseAnswer":
        d.state.loseNextAnswer = true;
        break;
      case "offline":
        d.state.offline = s.offline;
        break;
    }
    await vi.advanceTimersByTimeAsync(10);
  }

  // Settle: everyone back online, every engine sends what it holds, then everyone polls.
  for (const d of world.devices) Object.assign(d.state, { offline: false, loseNextAnswer: false });
  for (let round = 0; round < 20; round++) {
    for (const d of world.devices) {
      // Back online: the replay goes again (on the browser's "online" event).
      const replayed = d.replaying.then(() => d.client.replayOutbox());
      d.sync.retryNow();
      await vi.advanceTimersByTimeAsync(2000);
      await whileTimePasses(replayed);
    }
    for (const d of world.devices) d.sync.receive(world.stored);
    await vi.advanceTimersByTimeAsync(100);
    const waiting = world.devices.some((d) => d.client.outbox.pending().length > 0);
    if (!waiting && world.devices.every((d) => !d.sync.dirty)) break;
  }

  for (const d of world.devices) {
    expect(d.sync.dirty).toBe(false);
    expect(d.sync.getSnapshot().data).toEqual(world.stored.data);
    expect(d.sync.getSnapshot().status.kind).toBe("saved");
    expect(d.client.outbox.pending()).toEqual([]);
  }
  const kept = new Set([
    ...world.words(world.stored.data),
    ...world.copies.flatMap(world.words),
    ...world.history.flatMap(world.words),
  ]);
  for (const word of world.acknowledged) expect(kept.has(word), `lost ${word}`).toBe(true);
  for (const word of world.typed) expect(kept.has(word), `never saved ${word}`).toBe(true);
  for (const d of world.devices) d.sync.dispose();
}

describe("the sync client under random schedules", () => {
  // The replay loads the kind's schema on demand: loaded once here, outside the fake clock.
  beforeAll(() => draftKind.schema());

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("converges and loses no acknowledged edit", async () => {
    await fc.assert(fc.asyncProperty(schedule, run), {
      numRuns: Number(process.env.HANDOFF_MODEL_RUNS ?? 5000),
    });
  }, 120_000);
});

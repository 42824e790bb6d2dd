import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClientError } from "./api-client";
import { DocSync } from "./doc-sync";
import type { Outbox, PendingEdit } from "./outbox";
import type { DocTransport, Versioned } from "./types";

/**
 * Model-based test of the sync engine: 2 to 4 devices, each a DocSync with its own outbox,
 * against an in-memory server that enforces If-Match, run through random schedules of edits,
 * polls, saves, offline spells, crashes (the engine thrown away, its outbox kept and replayed)
 * and answers lost after the server applied a write. After each schedule settles, every device
 * shows what the server holds, and every word the server ever acknowledged is in it or in a
 * conflict copy. A failure prints fast-check's seed and the shrunk schedule.
 */
type Doc = { title: string; body: string };
const FIELDS = ["title", "body"] as const;

function memoryOutbox(): Outbox<Doc> {
  let entry: PendingEdit<Doc> | null = null;
  return {
    load: () => entry,
    put(base, local) {
      entry = { base, local };
    },
    clear() {
      entry = null;
    },
  };
}

function makeWorld(devices: number) {
  let stored: Versioned<Doc> = { version: 1, data: { title: "", body: "" } };
  const acknowledged = new Set<string>();
  const copies: Doc[] = [];
  const words = (doc: Doc) => `${doc.title} ${doc.body}`.split(/\s+/).filter(Boolean);

  const device = () => {
    const state = { offline: false, loseNextAnswer: false };
    const transport: DocTransport<Doc> = {
      async save(data, baseVersion) {
        if (state.offline) throw new ApiClientError(0, "network", "offline");
        if (baseVersion !== stored.version)
          throw new ApiClientError(412, "version_conflict", "stale", { current: stored });
        stored = { version: stored.version + 1, data };
        for (const word of words(data)) acknowledged.add(word);
        if (state.loseNextAnswer) {
          state.loseNextAnswer = false;
          throw new ApiClientError(0, "network", "the answer was lost");
        }
        return stored;
      },
      conflictCurrent: (error) => (error.body.current as Versioned<Doc>) ?? null,
      async keepConflictCopy(theirs) {
        copies.push(theirs);
        return "copy";
      },
    };
    const outbox = memoryOutbox();
    const start = (resume: boolean) =>
      new DocSync<Doc>({ initial: stored, transport, outbox, resume, retryDelayMs: () => 1000 });
    return {
      state,
      outbox,
      sync: start(false),
      restart: (d: { sync: DocSync<Doc> }) => {
        d.sync.dispose();
        d.sync = start(true);
      },
    };
  };

  return {
    devices: Array.from({ length: devices }, device),
    get stored() {
      return stored;
    },
    acknowledged,
    copies,
    words,
  };
}

type Step =
  | { kind: "edit"; device: number; field: (typeof FIELDS)[number] }
  | { kind: "poll" | "flush" | "crash" | "loseAnswer"; device: number }
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
    const d = world.devices[s.device];
    if (!d) continue;
    switch (s.kind) {
      case "edit": {
        const current = d.sync.getSnapshot().data[s.field];
        d.sync.edit({ [s.field]: `${current} w${typed++}`.trim() });
        break;
      }
      case "poll":
        d.sync.receive(world.stored);
        break;
      case "flush":
        void d.sync.flush();
        break;
      case "crash":
        d.restart(d);
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
      d.sync.retryNow();
      await vi.advanceTimersByTimeAsync(2000);
    }
    for (const d of world.devices) d.sync.receive(world.stored);
    await vi.advanceTimersByTimeAsync(100);
    if (world.devices.every((d) => !d.sync.dirty)) break;
  }

  for (const d of world.devices) {
    expect(d.sync.dirty).toBe(false);
    expect(d.sync.getSnapshot().data).toEqual(world.stored.data);
    expect(d.sync.getSnapshot().status.kind).toBe("saved");
    expect(d.outbox.load()).toBeNull();
  }
  const kept = new Set([...world.words(world.stored.data), ...world.copies.flatMap(world.words)]);
  for (const word of world.acknowledged) expect(kept.has(word), `lost ${word}`).toBe(true);
  for (const d of world.devices) d.sync.dispose();
}

describe("DocSync under random schedules", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("converges and loses no acknowledged edit", async () => {
    await fc.assert(fc.asyncProperty(schedule, run), {
      numRuns: Number(process.env.HANDOFF_MODEL_RUNS ?? 5000),
    });
  }, 120_000);
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClientError } from "@/lib/browser/http/client";
import type { Versioned } from "@/lib/shared/sync/types";
import { DocSync, type DocTransport } from "./doc-sync";
import type { Outbox, PendingEdit } from "./outbox";

function memoryOutbox(): Outbox<Fields> & { entry: PendingEdit<Fields> | null } {
  const box = {
    entry: null as PendingEdit<Fields> | null,
    load: () => box.entry,
    put(base: Versioned<Fields>, local: Fields) {
      box.entry = { base, local };
    },
    clear() {
      box.entry = null;
    },
  };
  return box;
}

type Fields = { title: string; body: string };

/** A fake server holding one document, with the same version rules as the API. */
function fakeServer(initial: Fields) {
  let stored: Versioned<Fields> = { version: 1, data: initial };
  let down = false;
  const saves: Array<{ data: Fields; baseVersion: number }> = [];
  /** Why each save was sent (null: typing). */
  const intents: Array<string | null> = [];
  const transport: DocTransport<Fields> = {
    async save(data, baseVersion, options) {
      saves.push({ data, baseVersion });
      intents.push(options?.intent ?? null);
      if (down) throw new ApiClientError(0, "network", "offline");
      if (baseVersion !== stored.version) {
        throw new ApiClientError(412, "version_conflict", "stale", { current: stored });
      }
      stored = { version: stored.version + 1, data };
      return stored;
    },
    conflictCurrent: (error) => (error.body.current as Versioned<Fields>) ?? null,
    async keepConflictCopy(theirs) {
      copies.push(theirs);
      return `${theirs.title} (conflict copy)`;
    },
  };
  const copies: Fields[] = [];
  return {
    transport,
    saves,
    intents,
    copies,
    get stored() {
      return stored;
    },
    /** Another device writes. */
    writeElsewhere(data: Fields) {
      stored = { version: stored.version + 1, data };
      return stored;
    },
    setDown(value: boolean) {
      down = value;
    },
  };
}

describe("DocSync", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, 400 ms after typing stops, and only then says Saved", async () => {
    const server = fakeServer({ title: "", body: "" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    sync.edit({ body: "h" });
    await vi.advanceTimersByTimeAsync(300);
    sync.edit({ body: "hi" });
    expect(sync.getSnapshot().status.kind).toBe("saving");
    await vi.advanceTimersByTimeAsync(399);
    expect(server.saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.saves).toEqual([{ data: { title: "", body: "hi" }, baseVersion: 1 }]);
    expect(sync.getSnapshot()).toMatchObject({
      status: { kind: "saved" },
      version: 2,
      data: { body: "hi" },
    });
  });

  it("a page going away while a save is under way sends what was typed since, on its version", async () => {
    const server = fakeServer({ title: "", body: "" });
    // The first save reaches the server at once; its answer is held back (the tab closes first).
    let answer = () => {};
    let calls = 0;
    const slow: DocTransport<Fields> = {
      ...server.transport,
      save(data, baseVersion, options) {
        const saved = server.transport.save(data, baseVersion, options);
        if (calls++ > 0) return saved;
        return new Promise((resolve, reject) => {
          answer = () => void saved.then(resolve, reject);
        });
      },
    };
    const sync = new DocSync({ initial: server.stored, transport: slow });
    sync.edit({ body: "first" });
    void sync.flush(); // under way, no answer yet
    sync.edit({ body: "first and last" });
    void sync.flush({ keepalive: true }); // the tab closes
    await vi.advanceTimersByTimeAsync(0);
    expect(server.saves).toEqual([
      { data: { title: "", body: "first" }, baseVersion: 1 },
      { data: { title: "", body: "first and last" }, baseVersion: 2 },
    ]);
    expect(server.stored).toEqual({ version: 3, data: { title: "", body: "first and last" } });
    // Had the page lived on, the first answer comes and nothing is lost or doubled.
    answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.stored.data.body).toBe("first and last");
    expect(sync.getSnapshot().data.body).toBe("first and last");
  });

  it("merges a concurrent edit of another field after a 412 and keeps both", async () => {
    const server = fakeServer({ title: "t", body: "b" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    server.writeElsewhere({ title: "title from B", body: "b" });
    sync.edit({ body: "body from A" });
    await vi.advanceTimersByTimeAsync(400);
    expect(server.stored.data).toEqual({ title: "title from B", body: "body from A" });
    expect(sync.getSnapshot()).toMatchObject({
      status: { kind: "saved" },
      data: server.stored.data,
    });
  });

  it("tells the server which saves merge a conflict and which restore an earlier version", async () => {
    const server = fakeServer({ title: "t", body: "one" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    sync.edit({ body: "one two" });
    await vi.advanceTimersByTimeAsync(400);
    server.writeElsewhere({ title: "from B", body: "one two" });
    sync.edit({ body: "one two three" });
    await vi.advanceTimersByTimeAsync(400);
    // Typed, then stale (412), then the merge.
    expect(server.intents).toEqual([null, null, "merge"]);
    await sync.restore({ title: "t", body: "one" });
    expect(server.intents.at(-1)).toBe("restore");
    expect(server.stored.data).toEqual({ title: "t", body: "one" });
    // A restore that meets another device's edit merges, and is still a restore.
    server.writeElsewhere({ title: "t", body: "one four" });
    await sync.restore({ title: "old", body: "one" });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.intents.slice(-2)).toEqual(["restore", "restore"]);
    expect(server.stored.data).toEqual({ title: "old", body: "one four" });
    sync.edit({ body: "one four five" });
    await vi.advanceTimersByTimeAsync(400);
    expect(server.intents.at(-1)).toBeNull();
  });

  it("a restore of what the server holds sends nothing, and later typing is a plain edit", async () => {
    const server = fakeServer({ title: "t", body: "same" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    expect(await sync.restore({ title: "t", body: "same" })).toEqual({ kind: "saved" });
    expect(server.saves).toHaveLength(0);
    sync.edit({ body: "same, then more" });
    await vi.advanceTimersByTimeAsync(400);
    expect(server.intents).toEqual([null]);
  });

  it("says where a restore stands: saved, or kept on the device while offline", async () => {
    const server = fakeServer({ title: "t", body: "new" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    expect(await sync.restore({ title: "t", body: "old" })).toEqual({ kind: "saved" });
    server.setDown(true);
    expect((await sync.restore({ title: "t", body: "older" })).kind).toBe("retrying");
  });

  it("applies a polled version only when nothing local is unsaved", async () => {
    const server = fakeServer({ title: "t", body: "b" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    sync.edit({ body: "typing" });
    sync.receive(server.writeElsewhere({ title: "t", body: "remote" }));
    expect(sync.getSnapshot().data.body).toBe("typing");

    await vi.advanceTimersByTimeAsync(400);
    // Both rewrote the whole body: mine stays, theirs becomes a copy, the user is told.
    expect(sync.getSnapshot().data.body).toBe("typing");
    expect(server.copies).toEqual([{ title: "t", body: "remote" }]);
    expect(sync.getSnapshot().notice).toContain("t (conflict copy)");
    sync.receive(server.writeElsewhere({ title: "new title", body: "typing" }));
    expect(sync.getSnapshot().data).toEqual({ title: "new title", body: "typing" });
    sync.receive({ version: 1, data: { title: "old", body: "old" } });
    expect(sync.getSnapshot().data.title).toBe("new title");
  });

  it("merges concurrent edits of different words in one field without a copy", async () => {
    const server = fakeServer({ title: "t", body: "one two three" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    server.writeElsewhere({ title: "t", body: "one two three four" });
    sync.edit({ body: "zero one two three" });
    await vi.advanceTimersByTimeAsync(400);
    expect(server.stored.data.body).toBe("zero one two three four");
    expect(server.copies).toEqual([]);
    expect(sync.getSnapshot()).toMatchObject({ notice: null, status: { kind: "saved" } });
    expect(sync.getSnapshot().remoteChangeAt).not.toBeNull();
  });

  it("keeps edits while offline, retries with backoff and saves them when back", async () => {
    const server = fakeServer({ title: "", body: "" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    server.setDown(true);
    sync.edit({ body: "written offline" });
    await vi.advanceTimersByTimeAsync(400);
    expect(sync.getSnapshot().status.kind).toBe("retrying");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.saves).toHaveLength(2);
    server.setDown(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.stored.data.body).toBe("written offline");
    expect(sync.getSnapshot().status.kind).toBe("saved");
  });

  it("shows a plain error for a rejected edit and does not retry it", async () => {
    const server = fakeServer({ title: "", body: "" });
    const transport: DocTransport<Fields> = {
      ...server.transport,
      save: async () => {
        throw new ApiClientError(400, "validation_failed", "title: must be at most 200 characters");
      },
    };
    const sync = new DocSync({ initial: server.stored, transport });
    sync.edit({ title: "x".repeat(300) });
    await vi.advanceTimersByTimeAsync(5000);
    expect(sync.getSnapshot().status).toEqual({
      kind: "error",
      message: "Not saved: title: must be at most 200 characters",
    });
  });

  it("saves what was typed while a save was in flight", async () => {
    const server = fakeServer({ title: "", body: "" });
    const sync = new DocSync({
      initial: server.stored,
      transport: server.transport,
      debounceMs: 10,
    });
    sync.edit({ body: "a" });
    await vi.advanceTimersByTimeAsync(10);
    sync.edit({ body: "ab" });
    await vi.advanceTimersByTimeAsync(100);
    expect(server.stored.data.body).toBe("ab");
    expect(sync.getSnapshot().status.kind).toBe("saved");
  });

  it("keeps unsent edits in the outbox until the server has them", async () => {
    const server = fakeServer({ title: "", body: "" });
    const outbox = memoryOutbox();
    const sync = new DocSync({ initial: server.stored, transport: server.transport, outbox });
    server.setDown(true);
    sync.edit({ body: "kept" });
    expect(outbox.entry).toMatchObject({ base: { version: 1 }, local: { body: "kept" } });
    await vi.advanceTimersByTimeAsync(400);
    expect(outbox.entry?.local.body).toBe("kept");
    server.setDown(false);
    sync.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.stored.data.body).toBe("kept");
    expect(outbox.entry).toBeNull();
  });

  it("replays what an earlier page left in the outbox, merging with newer server versions", async () => {
    const server = fakeServer({ title: "t", body: "b" });
    const outbox = memoryOutbox();
    outbox.put(server.stored, { title: "t", body: "from the closed tab" });
    server.writeElsewhere({ title: "renamed elsewhere", body: "b" });
    const sync = new DocSync({
      initial: server.stored,
      transport: server.transport,
      outbox,
      resume: true,
    });
    expect(sync.getSnapshot().data.body).toBe("from the closed tab");
    await vi.advanceTimersByTimeAsync(0);
    expect(server.stored.data).toEqual({ title: "renamed elsewhere", body: "from the closed tab" });
    expect(outbox.entry).toBeNull();
  });

  it("leaves nothing in the outbox when the edit it replays already reached the server", async () => {
    const server = fakeServer({ title: "t", body: "b" });
    const outbox = memoryOutbox();
    // The closed tab's edit got through (say, with keepalive) before its entry was cleared.
    outbox.put(server.stored, { title: "t", body: "sent as the tab closed" });
    server.writeElsewhere({ title: "t", body: "sent as the tab closed" });
    const sync = new DocSync({
      initial: server.stored,
      transport: server.transport,
      outbox,
      resume: true,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.getSnapshot().status).toEqual({ kind: "saved" });
    expect(server.stored.version).toBe(2);
    expect(outbox.entry).toBeNull();
  });

  it("shows another tab's typing at once and takes its save without saving again", async () => {
    const server = fakeServer({ title: "", body: "" });
    const posted: string[] = [];
    const peers = {
      edited: (_base: Versioned<Fields>, local: Fields) => posted.push(`edit:${local.body}`),
      saved: (stored: Versioned<Fields>) => posted.push(`saved:${stored.version}`),
    };
    const writer = new DocSync({ initial: server.stored, transport: server.transport, peers });
    const viewer = new DocSync({ initial: server.stored, transport: server.transport });

    writer.edit({ body: "hello" });
    expect(posted).toEqual(["edit:hello"]);
    viewer.adoptPeerEdit(
      { version: 1, data: { title: "", body: "" } },
      { title: "", body: "hello" },
    );
    expect(viewer.getSnapshot()).toMatchObject({
      data: { body: "hello" },
      status: { kind: "saving" },
    });

    await vi.advanceTimersByTimeAsync(400);
    expect(posted).toEqual(["edit:hello", "saved:2"]);
    viewer.adoptPeerSave(server.stored);
    expect(viewer.getSnapshot()).toMatchObject({ version: 2, status: { kind: "saved" } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.saves).toHaveLength(1);
  });

  it("follows another tab's typing keystroke by keystroke, through its saves", async () => {
    const server = fakeServer({ title: "", body: "" });
    const viewer = new DocSync({ initial: server.stored, transport: server.transport });
    const base = server.stored;
    for (const body of ["t", "ty", "typ"]) viewer.adoptPeerEdit(base, { title: "", body });
    expect(viewer.getSnapshot().data.body).toBe("typ");
    // That tab's save of "ty" lands while it has typed on; its next keystroke has the new base.
    const saved = server.writeElsewhere({ title: "", body: "ty" });
    viewer.adoptPeerSave(saved);
    expect(viewer.getSnapshot()).toMatchObject({ version: 2, data: { body: "typ" } });
    viewer.adoptPeerEdit(saved, { title: "", body: "type" });
    viewer.adoptPeerSave(server.writeElsewhere({ title: "", body: "type" }));
    expect(viewer.getSnapshot()).toMatchObject({
      version: 3,
      data: { body: "type" },
      status: { kind: "saved" },
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.saves).toEqual([]);
  });

  it("keeps its own change made on top of another tab's unsaved typing", async () => {
    const server = fakeServer({ title: "", body: "" });
    const viewer = new DocSync({ initial: server.stored, transport: server.transport });
    const base = server.stored;
    viewer.adoptPeerEdit(base, { title: "Step 2", body: "" });
    // This tab goes back a step before the other tab's save lands; that save lands first.
    viewer.edit({ title: "" });
    server.writeElsewhere({ title: "Step 2", body: "" });
    await viewer.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.stored.data).toEqual({ title: "", body: "" });
    expect(viewer.getSnapshot()).toMatchObject({ data: { title: "" }, status: { kind: "saved" } });
  });

  it("ignores another tab's typing while it has unsaved edits of its own", () => {
    const server = fakeServer({ title: "", body: "" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    sync.edit({ title: "mine" });
    sync.adoptPeerEdit(server.stored, { title: "", body: "theirs" });
    expect(sync.getSnapshot().data).toEqual({ title: "mine", body: "" });
  });

  it("keeps unsaved text as a copy when the document is deleted elsewhere", async () => {
    const server = fakeServer({ title: "Notes", body: "saved" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    sync.edit({ body: "saved, and more typed here" });
    sync.markGone();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.copies).toEqual([{ title: "Notes", body: "saved, and more typed here" }]);
    expect(sync.getSnapshot()).toMatchObject({ status: { kind: "gone" } });
    expect(sync.getSnapshot().notice).toContain("Notes (conflict copy)");
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.saves).toHaveLength(0);
  });

  it("is an editor again when the deleted document comes back (restored or undone)", async () => {
    const server = fakeServer({ title: "Notes", body: "saved" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    sync.markGone();
    sync.edit({ body: "ignored while gone" });
    expect(sync.getSnapshot()).toMatchObject({ status: { kind: "gone" } });
    // Put back from the Trash, it goes on from the next version.
    sync.receive({ version: server.stored.version + 1, data: { title: "Notes", body: "saved" } });
    expect(sync.getSnapshot()).toMatchObject({
      status: { kind: "saved" },
      data: { body: "saved" },
      version: server.stored.version + 1,
    });
    sync.edit({ body: "saved, and on" });
    expect(sync.getSnapshot().status.kind).toBe("saving");
  });

  it("makes no copy when nothing was unsaved", () => {
    const server = fakeServer({ title: "Notes", body: "saved" });
    const sync = new DocSync({ initial: server.stored, transport: server.transport });
    sync.markGone();
    expect(server.copies).toEqual([]);
  });
});

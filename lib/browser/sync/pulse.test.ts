import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClientError, type ApiResponse, type Http } from "@/lib/browser/http/client";
import { SAFETY_POLL_MS } from "@/lib/shared/sync/presence";
import { LIVE_REOPEN_MS } from "./live";
import { type PulseOptions, startPulse } from "./pulse";

/** The browser's EventSource as far as the pulse uses it: tests play the server's events. */
class FakeSource extends EventTarget {
  static opened: FakeSource[] = [];
  readyState = 0;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeSource.opened.push(this);
  }
  emit(name: string, data: unknown) {
    this.readyState = 1;
    this.dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data) }));
  }
  fail(closed = false) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.();
  }
  close() {
    this.readyState = 2;
  }
}

const page = { visibilityState: "visible" as DocumentVisibilityState };

function setup(extra: Partial<PulseOptions> = {}) {
  let marker = 1;
  let kinds: Record<string, number> = {};
  let answer: "ok" | "offline" | "401" = "ok";
  const pulses: number[] = [];
  const http: Http = async <T>() => {
    pulses.push(Date.now());
    if (answer === "offline") throw new ApiClientError(0, "network", "offline");
    if (answer === "401") throw new ApiClientError(401, "unauthorized", "signed out");
    return {
      status: 200,
      etag: `"m${marker}"`,
      headers: new Headers(),
      body: { marker, kinds, activeAt: 0 } as T,
    } satisfies ApiResponse<T>;
  };
  /** The kinds of each refetch; null: everything. */
  const revalidations: (readonly string[] | null)[] = [];
  const ended: string[] = [];
  const pulse = startPulse(http, (changed) => revalidations.push(changed), {
    live: (url) => new FakeSource(url) as unknown as EventSource,
    onEnded: (reason) => ended.push(reason),
    ...extra,
  });
  const source = () => FakeSource.opened.at(-1) as FakeSource;
  return {
    stop: () => pulse.stop(),
    pulse,
    pulses,
    revalidations,
    ended,
    source,
    /** The user's marker moves to `m`, made by a commit to `kind`. */
    setMarker: (m: number, kind = "draft") => {
      marker = m;
      kinds = { ...kinds, [kind]: m };
    },
    answerWith: (next: typeof answer) => {
      answer = next;
    },
  };
}

/**
 * A pulse whose first answer is in: that answer checks what the page shows once (its data may
 * predate the marker it tells), which the tests below count from.
 */
async function started(extra: Partial<PulseOptions> = {}) {
  const t = setup(extra);
  await vi.advanceTimersByTimeAsync(0);
  expect(t.revalidations).toEqual([null]);
  t.revalidations.length = 0;
  return t;
}

describe("the pulse with a poke stream", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.opened = [];
    page.visibilityState = "visible";
    vi.stubGlobal("window", new EventTarget());
    vi.stubGlobal("document", Object.assign(new EventTarget(), page));
    Object.defineProperty(document, "visibilityState", { get: () => page.visibilityState });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("checks what the page shows once it learns the marker, whichever tells it first", async () => {
    // The pulse answers first: the page's data may predate a change that marker counts.
    const first = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.revalidations).toEqual([null]);
    first.source().emit("marker", { marker: 1 });
    expect(first.revalidations).toEqual([null]); // once
    first.stop();
  });

  it("polls only as a safety net while the stream is healthy, and refetches on a new marker", async () => {
    const t = await started();
    t.source().emit("marker", { marker: 1 });
    const settled = t.pulses.length;
    await vi.advanceTimersByTimeAsync(SAFETY_POLL_MS - 100);
    expect(t.pulses.length).toBe(settled); // not one poll for a minute
    t.setMarker(2);
    t.source().emit("poke", { marker: 2 });
    t.source().emit("poke", { marker: 2 }); // the same marker again: nothing new
    await vi.advanceTimersByTimeAsync(0);
    expect(t.pulses.length).toBe(settled + 1); // which kinds changed?
    expect(t.revalidations).toEqual([["draft"]]);
    await vi.advanceTimersByTimeAsync(SAFETY_POLL_MS + 100);
    expect(t.pulses.length).toBe(settled + 2); // the safety net
    t.stop();
  });

  it("refetches only the kinds that changed since the marker it knew", async () => {
    const t = await started();
    t.source().emit("marker", { marker: 1 });
    t.setMarker(2, "cart");
    t.setMarker(3, "draft");
    t.source().emit("poke", { marker: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.revalidations).toEqual([["cart", "draft"]]);
    t.setMarker(4, "position");
    t.source().emit("poke", { marker: 4 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.revalidations).toEqual([["cart", "draft"], ["position"]]);
    t.stop();
  });

  it("a poke of the page's own save costs nothing; one with another device's change refetches", async () => {
    const t = await started();
    t.source().emit("marker", { marker: 1 });
    const settled = t.pulses.length;
    t.setMarker(2);
    t.pulse.ownCommits([2]);
    t.source().emit("poke", { marker: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.pulses.length).toBe(settled);
    expect(t.revalidations).toEqual([]);
    // Another device saved (3), then this page (4): the poke of 4 must not hide 3.
    t.setMarker(3);
    t.setMarker(4);
    t.pulse.ownCommits([4]);
    t.source().emit("poke", { marker: 4 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.pulses.length).toBe(settled + 1);
    expect(t.revalidations).toEqual([["draft"]]);
    t.stop();
  });

  it("a poke that comes before the answer to this page's own save waits for it", async () => {
    let answered = () => {};
    const saving = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const t = await started({ writesSettled: () => saving });
    t.source().emit("marker", { marker: 1 });
    const settled = t.pulses.length;
    t.setMarker(2);
    t.source().emit("poke", { marker: 2 }); // the stream was quicker than the save's answer
    await vi.advanceTimersByTimeAsync(0);
    t.pulse.ownCommits([2]);
    answered();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.pulses.length).toBe(settled);
    expect(t.revalidations).toEqual([]);
    t.stop();
  });

  it("a poke whose pulse gets no answer refetches everything, so the poke alone delivers", async () => {
    const t = await started();
    t.source().emit("marker", { marker: 1 });
    t.answerWith("offline"); // e.g. the pulse is blocked, the stream is not
    t.source().emit("poke", { marker: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.revalidations).toEqual([null]);
    t.source().emit("poke", { marker: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.revalidations).toEqual([null]);
    t.stop();
  });

  it("a poke while a pulse is under way asks again once that answer is in", async () => {
    const t = await started();
    t.source().emit("marker", { marker: 1 });
    window.dispatchEvent(new Event("focus"));
    t.source().fail(); // polls at once: a pulse under way
    t.source().emit("marker", { marker: 1 });
    t.setMarker(2);
    t.source().emit("poke", { marker: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.revalidations).toEqual([["draft"]]);
    t.stop();
  });

  it("falls back to polling every second at once when the stream breaks, and back when it returns", async () => {
    const t = await started();
    t.source().emit("marker", { marker: 1 });
    const before = t.pulses.length;
    t.source().fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.pulses.length).toBe(before + 1); // at once
    t.setMarker(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(t.pulses.length).toBeGreaterThanOrEqual(before + 3); // the pulse's own schedule
    expect(t.revalidations).toHaveLength(1); // the poll saw the edit the stream missed
    t.source().emit("marker", { marker: 2 }); // the browser reconnected
    const healed = t.pulses.length;
    await vi.advanceTimersByTimeAsync(SAFETY_POLL_MS - 1000);
    expect(t.pulses.length).toBe(healed);
    t.stop();
  });

  it("tries a refused stream again after 5 s, then 10 s, and polls every second meanwhile", async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(0);
    t.source().fail(true); // e.g. a 429, or a 502 from a proxy
    expect(FakeSource.opened).toHaveLength(1);
    const before = t.pulses.length;
    await vi.advanceTimersByTimeAsync(LIVE_REOPEN_MS - 100);
    expect(t.pulses.length - before).toBeGreaterThanOrEqual(4);
    await vi.advanceTimersByTimeAsync(200);
    expect(FakeSource.opened).toHaveLength(2);
    t.source().fail(true);
    await vi.advanceTimersByTimeAsync(2 * LIVE_REOPEN_MS - 200);
    expect(FakeSource.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(FakeSource.opened).toHaveLength(3);
    t.stop();
  });

  it("closes the stream while the tab is hidden and reopens it when it is shown", async () => {
    const t = await started();
    t.source().emit("marker", { marker: 1 });
    page.visibilityState = "hidden";
    document.dispatchEvent(new Event("visibilitychange"));
    expect(t.source().readyState).toBe(2);
    const hiddenAt = t.pulses.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(t.pulses.length).toBe(hiddenAt);
    page.visibilityState = "visible";
    document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeSource.opened).toHaveLength(2);
    t.stop();
  });

  it("checks a stream's end with a pulse: a renewed session streams again, no answer ends it", async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(0);
    // This page changed its password: the old session's stream ends, the page's cookie is new.
    t.source().emit("end", { reason: "revoked" });
    expect(t.source().readyState).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.ended).toEqual([]);
    expect(FakeSource.opened).toHaveLength(2);
    // The server says 401: the API client has already ended the session with its reason.
    t.answerWith("401");
    t.source().emit("end", { reason: "signed_out" });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.ended).toEqual([]);
    expect(FakeSource.opened).toHaveLength(2);
    t.stop();
  });

  it("takes the stream's word for the end of the session when the pulse gets no answer", async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(0);
    t.answerWith("offline");
    t.source().emit("end", { reason: "deleted" });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.ended).toEqual(["deleted"]);
    t.stop();
  });
});

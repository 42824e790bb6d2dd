import { describe, expect, it } from "vitest";
import {
  FAST_POLL_MS,
  LIVE_POLL_MS,
  nextDelay,
  type PollState,
  SAFETY_POLL_MS,
  SLOWEST_POLL_MS,
} from "./presence";

const idleSince = (at: number): PollState => ({
  localActivityAt: at,
  remoteActivityAt: 0,
  newsAt: 0,
  lastDelay: FAST_POLL_MS,
});

describe("presence-aware polling", () => {
  it("polls every second while this device was used in the last minute", () => {
    expect(nextDelay(idleSince(0), 59_000)).toBe(FAST_POLL_MS);
  });

  it("backs off step by step to 30 s when nobody is active", () => {
    let state = idleSince(0);
    const delays: number[] = [];
    for (let now = 61_000; delays.length < 7; now += state.lastDelay) {
      const delay = nextDelay(state, now);
      delays.push(delay);
      state = { ...state, lastDelay: delay };
    }
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("is fast again when another device was active, or the last poll brought news", () => {
    const slow = { ...idleSince(0), lastDelay: SLOWEST_POLL_MS };
    expect(nextDelay({ ...slow, remoteActivityAt: 100_000 }, 120_000)).toBe(FAST_POLL_MS);
    expect(nextDelay({ ...slow, newsAt: 100_000 }, 120_000)).toBe(FAST_POLL_MS);
    // While edits keep arriving (news in the last 10 s), twice a second.
    expect(nextDelay({ ...slow, newsAt: 115_000 }, 120_000)).toBe(LIVE_POLL_MS);
    expect(nextDelay(slow, 120_000)).toBe(SLOWEST_POLL_MS);
  });

  it("with a healthy poke stream polls only as a safety net, whoever is active", () => {
    const busy = { ...idleSince(119_000), newsAt: 119_500, live: true };
    expect(nextDelay(busy, 120_000)).toBe(SAFETY_POLL_MS);
    expect(nextDelay({ ...busy, live: false }, 120_000)).toBe(LIVE_POLL_MS);
  });
});

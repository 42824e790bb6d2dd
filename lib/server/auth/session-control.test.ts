import { describe, expect, it } from "vitest";
import type { SessionControl } from "@/lib/server/store/types";
import { isRevoked, sessionEnd, withAllRevoked, withRevoked } from "./session-control";
import { readSessionHint, signSessionHint } from "./session-hint";

const none: SessionControl = { sessionsValidAfter: 0, revoked: [] };
const session = (sid: string, startedAt: number, expiresAt = 10_000) => ({
  sid,
  startedAt,
  expiresAt,
});

describe("session revocation", () => {
  it("revokes one session and leaves the others", () => {
    const control = withRevoked(none, session("a", 100), 10, 0);
    expect(isRevoked(session("a", 100), control)).toBe(true);
    expect(isRevoked(session("b", 50), control)).toBe(false);
  });

  it("drops entries whose tokens have expired anyway", () => {
    let control = withRevoked(none, session("old", 1, 500), 10, 0);
    control = withRevoked(control, session("new", 2, 5000), 10, 1000);
    expect(control.revoked.map((e) => e.sid)).toEqual(["new"]);
  });

  it("folds the oldest entries into the valid-after time past the cap, never un-revoking", () => {
    let control = none;
    for (let i = 1; i <= 5; i++) control = withRevoked(control, session(`s${i}`, i * 10), 3, 0);
    expect(control.revoked).toHaveLength(3);
    for (let i = 1; i <= 5; i++) expect(isRevoked(session(`s${i}`, i * 10), control)).toBe(true);
    // A session that began before the folded ones ends too; a newer one does not.
    expect(isRevoked(session("older", 5), control)).toBe(true);
    expect(isRevoked(session("newer", 60), control)).toBe(false);
  });

  it("sign out everywhere ends every session that began until now, and no later one", () => {
    const control = withAllRevoked(withRevoked(none, session("a", 100), 10, 0), 1000);
    expect(control.revoked).toEqual([]);
    expect(isRevoked(session("b", 999), control)).toBe(true);
    expect(isRevoked(session("c", 1000), control)).toBe(true);
    expect(isRevoked(session("d", 1001), control)).toBe(false);
  });
});

describe("why a session ended", () => {
  it("tells signed out, ended everywhere and deleted apart, and says nothing of a valid one", () => {
    const signedOut = withRevoked(none, session("a", 100), 10, 0);
    expect(sessionEnd(session("a", 100), signedOut)).toBe("signed_out");
    expect(sessionEnd(session("b", 100), signedOut)).toBeNull();
    const everywhere = withAllRevoked(none, 500);
    expect(sessionEnd(session("b", 100), everywhere)).toBe("revoked");
    expect(sessionEnd(session("c", 600), everywhere)).toBeNull();
    expect(sessionEnd(session("b", 100), { ...everywhere, deletedAt: 500 })).toBe("deleted");
  });
});

describe("the session hint", () => {
  it("reads back what the server signed, and nothing else", () => {
    const hint = signSessionHint({ userId: "u1", sid: "s1", startedAt: 42 });
    expect(readSessionHint(hint)).toEqual({ userId: "u1", sid: "s1", startedAt: 42 });
    const [payload = "", mac = ""] = hint.split(".");
    const forged = Buffer.from(JSON.stringify(["u2", "s1", 42])).toString("base64url");
    expect(readSessionHint(`${forged}.${mac}`)).toBeNull();
    expect(readSessionHint(`${payload}.${mac.slice(1)}x`)).toBeNull();
    expect(readSessionHint("garbage")).toBeNull();
    expect(readSessionHint(null)).toBeNull();
  });
});

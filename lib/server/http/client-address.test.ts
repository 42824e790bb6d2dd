import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER } from "./client-address";

const request = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1/api/users", { headers });

describe("the client address limits count against", () => {
  it("is the socket's address, whatever X-Forwarded-For a client sends, with no trusted proxy", () => {
    const forged = request({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.1" });
    expect(clientAddress(forged, false)).toBe("198.51.100.7");
  });
  it("is the hop the trusted proxy appended, not one the client put before it", () => {
    const viaProxy = request({
      [PEER_HEADER]: "127.0.0.1",
      "x-forwarded-for": "203.0.113.1, 198.51.100.7",
    });
    expect(clientAddress(viaProxy, true)).toBe("198.51.100.7");
  });
  it("falls back to the socket behind a proxy that sent no header", () => {
    expect(clientAddress(request({ [PEER_HEADER]: "127.0.0.1" }), true)).toBe("127.0.0.1");
  });
});

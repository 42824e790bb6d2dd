import "server-only";
import { createHash } from "node:crypto";
import type { NextRequest } from "next/server";
import { deviceName } from "@/lib/server/http/device-name";
import type { SignedInUser } from "./session";

/** The device a write came from: its name for people, and its session for telling devices apart. */
export interface Author {
  /** "Firefox on Linux" (lib/server/http/device-name.ts). */
  device: string;
  /** A digest of the session id: two sign-ins are two devices, even in the same browser. */
  session: string;
}

export function authorOf(request: NextRequest, user: Pick<SignedInUser, "session">): Author {
  return {
    device: deviceName(request.headers.get("user-agent")),
    session: createHash("sha256").update(user.session.sid).digest("base64url").slice(0, 12),
  };
}

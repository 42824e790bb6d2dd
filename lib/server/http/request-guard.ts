import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Server } from "node:http";
import { PEER_HEADER } from "./client-address";

/** A path that cannot be decoded (`/api/orders/%ff`): Next answers those with a bare 500. */
function undecodable(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? "/").split("?")[0] as string);
    return false;
  } catch {
    return true;
  }
}

function sendError(response: ServerResponse, status: number, code: string, message: string) {
  response.statusCode = status;
  response.setHeader("Content-Type", "application/json");
  response.setHeader("Cache-Control", "no-store");
  return JSON.stringify({ error: { code, message } });
}

/**
 * Next answers a method a route does not export with a bare 405 (no body, no type); API
 * clients get the one error shape instead. Only a 405 of an API path that wrote nothing is
 * changed: its type is set before the headers go out, and the body is the JSON error.
 */
function shapeMethodNotAllowed(request: IncomingMessage, response: ServerResponse) {
  if (!request.url?.startsWith("/api/")) return;
  const applies = () => response.statusCode === 405 && !wrote;
  let wrote = false;
  const { writeHead, flushHeaders, write, end } = response;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (args[0] === 405 && !wrote) this.setHeader("Content-Type", "application/json");
    return Reflect.apply(writeHead, this, args);
  } as typeof response.writeHead;
  response.flushHeaders = function (this: ServerResponse) {
    if (applies() && !this.headersSent) this.setHeader("Content-Type", "application/json");
    return Reflect.apply(flushHeaders, this, []);
  };
  response.write = function (this: ServerResponse, ...args: unknown[]) {
    wrote = true;
    return Reflect.apply(write, this, args);
  } as typeof response.write;
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (applies() && (args[0] === undefined || typeof args[0] === "function")) {
      if (!this.headersSent) this.setHeader("Content-Type", "application/json");
      const message = `${request.method} is not allowed here`;
      return Reflect.apply(end, this, [
        JSON.stringify({ error: { code: "method_not_allowed", message } }),
      ]);
    }
    return Reflect.apply(end, this, args);
  } as typeof response.end;
}

/**
 * Runs on every request before Next sees it: writes the socket's address into PEER_HEADER
 * (overwriting whatever a client sent: Next keeps a client's own X-Forwarded-For and gives
 * route handlers no socket), answers a path that cannot be decoded with a 400 in the one
 * error shape (Next gives a bare 500), and shapes Next's bare 405s. Patched on the prototype,
 * so the server `next start` already made is covered.
 */
export function installRequestGuard() {
  const proto = Server.prototype as Server & { handoffGuarded?: boolean };
  if (proto.handoffGuarded) return;
  proto.handoffGuarded = true;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      const response = args[1] as ServerResponse;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "unknown";
      if (undecodable(request.url)) {
        response.end(
          sendError(response, 400, "bad_request", "The address is not valid (bad %-encoding)"),
        );
        return true;
      }
      shapeMethodNotAllowed(request, response);
    }
    return Reflect.apply(emit, this, [event, ...args]);
  } as typeof proto.emit;
}

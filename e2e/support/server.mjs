// Plain JavaScript so the Playwright tests and the benchmark (node bench/run.mjs) share it.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

/** A free loopback port, found synchronously so the Playwright config can use it. */
export function freePortSync() {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

export const newSecret = () => randomBytes(32).toString("base64url");
export const newDataDir = () => mkdtempSync(path.join(tmpdir(), "handoff-e2e-"));

export function serverEnv({ port, dataDir, secret, env }) {
  return {
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    HANDOFF_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    // Every test signs up and in from 127.0.0.1: per-address limits are raised here, and the
    // throttling tests lower them again on a server of their own.
    HANDOFF_SIGNUPS_PER_ADDRESS: "1000000",
    HANDOFF_SIGNIN_ATTEMPTS_PER_ADDRESS: "1000000",
    // A small history budget, so the API tests and the fuzz reach it and see it hold.
    HANDOFF_HISTORY_MAX_VERSIONS: "10",
    HANDOFF_HISTORY_MAX_BYTES: "65536",
    ...env,
  };
}

/**
 * How long the server keeps an idle connection (ms), as `npm start` does: longer than any
 * client reuses one. Playwright's request contexts ignore the server's Keep-Alive hint
 * (microsoft/playwright#42698) and, at Node's default 5 s, send on a socket the server has just
 * closed: `read ECONNRESET`.
 */
const KEEP_ALIVE = ["--keepAliveTimeout", "65000"];

export const serverCommand = (port) =>
  `node ${NEXT_BIN} start -H 127.0.0.1 -p ${port} ${KEEP_ALIVE.join(" ")}`;

/** A production server of the built app that a test can kill and start again. */
export class TestServer {
  #child;

  constructor(options) {
    this.options = options;
  }

  get url() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** The server process's id (the benchmark reads its memory). */
  get pid() {
    return this.#child?.pid;
  }

  async start() {
    const log = openSync(path.join(this.options.dataDir, "server.log"), "a");
    this.#child = spawn(
      process.execPath,
      [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(this.options.port), ...KEEP_ALIVE],
      {
        env: { ...process.env, NODE_ENV: "production", ...serverEnv(this.options) },
        stdio: ["ignore", log, log],
      },
    );
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.#child.exitCode !== null)
        throw new Error(`server exited with ${this.#child.exitCode}`);
      try {
        const response = await fetch(`${this.url}/api/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("server did not start within 30 s");
  }

  /** SIGKILL by default: no graceful shutdown, like a crash. */
  async stop(signal = "SIGKILL") {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }
}

// `npm run cluster`: N production instances of Handoff behind nginx, round-robin, no stickiness.
//
//   node scripts/cluster.mjs [--instances 2] [--port 8080] [--cosmos-test-server]
//
// Plain JavaScript so the end-to-end tests and the benchmark start the very same cluster.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePortSync } from "../e2e/support/server.mjs";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const READY_CHECK_MS = 1000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Debian's nginx, installed the way `npm test` installs Chromium, when it is missing. */
export function ensureNginx() {
  if (existsSync(NGINX)) return;
  console.log("==> nginx not found: installing Debian's nginx-light");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) =>
    execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "--no-install-recommends", "nginx-light"]);
}

/** One `next start` of the production build on its own loopback port. */
class Instance {
  #child = null;

  constructor(index, { port, env, logDir }) {
    this.index = index;
    this.port = port;
    this.env = env;
    this.logDir = logDir;
    this.ready = false;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process's id while it runs (the benchmark reads its memory). */
  get pid() {
    return this.#child?.pid;
  }

  get running() {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async start() {
    const log = openSync(path.join(this.logDir, `instance-${this.index}.log`), "a");
    this.#child = spawn(
      process.execPath,
      // nginx keeps idle upstream connections 60 s: the instance must keep them longer, or nginx
      // sends on a socket the instance has just closed (a 502). Node's default is 5 s.
      [
        NEXT_BIN,
        "start",
        "-H",
        "127.0.0.1",
        "-p",
        String(this.port),
        "--keepAliveTimeout",
        "65000",
      ],
      {
        env: { ...process.env, NODE_ENV: "production", ...this.env },
        stdio: ["ignore", log, log],
      },
    );
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`instance ${this.index} exited while starting (see its log)`);
      if (await this.isLive()) return;
      await sleep(100);
    }
    throw new Error(`instance ${this.index} did not start within 30 s`);
  }

  /** Up at all (GET /api/health: no session, no store). */
  async isLive() {
    try {
      return (await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }

  /** Up and able to reach its store (GET /api/ready). */
  async isReady() {
    try {
      const response = await fetch(`${this.url}/api/ready`, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    } catch {
      return false;
    }
  }

  async stop(signal = "SIGTERM") {
    const child = this.#child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }
}

function nginxConfig({ port, instances, dir }) {
  const servers = instances
    .map(
      (instance) =>
        // Passive checks: a refused connection, a timeout or a 502/503 counts as a failure,
        // and after one the instance gets no requests for 5 s. `down`: not ready (see below).
        `    server 127.0.0.1:${instance.port} max_fails=1 fail_timeout=5s${instance.ready ? "" : " down"};`,
    )
    .join("\n");
  return `# Written by scripts/cluster.mjs; rewritten whenever an instance's readiness changes.
# One worker per core; each poke stream holds two connections (the page's and the upstream's)
# for minutes, so a worker may hold many: 9,500 streams each under a 20,000-descriptor limit.
worker_processes auto;
worker_rlimit_nofile 20000;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 19500; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # The app refuses bodies over its own limits; this only stops absurd ones early.
  client_max_body_size 1m;
  upstream handoff {
${servers}
    keepalive 64;
  }
  server {
    # reuseport: the kernel spreads new connections over the workers.
    listen 127.0.0.1:${port} reuseport;
    # The poke stream: every event passed on as it comes (the app also sends
    # X-Accel-Buffering: no), and kept open well past the 25 s heartbeat.
    location = /api/live {
      proxy_pass http://handoff;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 1s;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 75s;
      proxy_next_upstream error timeout http_502 http_503;
    }
    location / {
      proxy_pass http://handoff;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      # Appended, never replaced: the app trusts only the last hop (HANDOFF_TRUST_PROXY=1).
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      # Another instance gets the request when this one is down or its store is (503). Writes
      # are retried too (non_idempotent): every Handoff write is safe to repeat (If-Match,
      # client-chosen ids, ids derived from versions).
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 3;
    }
  }
}
`;
}

/** The session secret every instance shares; kept in the data folder so a restart keeps sessions. */
function sharedSecret(dataDir) {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "cluster-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Starts `instances` app instances and nginx in front of them. Every instance gets the same
 * session secret and store; `instanceEnv(i)` adds variables to one of them (tests use it to
 * cut one off from its store). Resolves with the running cluster.
 */
export async function startCluster({
  instances: count = 2,
  port = freePortSync(),
  dataDir = mkdtempSync(path.join(tmpdir(), "handoff-cluster-")),
  env = {},
  instanceEnv = () => ({}),
} = {}) {
  ensureNginx();
  const dir = mkdtempSync(path.join(tmpdir(), "handoff-nginx-"));
  const url = `http://127.0.0.1:${port}`;
  const shared = {
    NEXTAUTH_SECRET: sharedSecret(dataDir),
    NEXTAUTH_URL: url,
    HANDOFF_DATA_DIR: dataDir,
    HANDOFF_TRUST_PROXY: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  };
  const instances = Array.from(
    { length: count },
    (_, index) =>
      new Instance(index, {
        port: freePortSync(),
        env: { ...shared, ...instanceEnv(index) },
        logDir: dir,
      }),
  );
  // Whatever started is stopped again if any instance fails to: nothing outlives a failed start.
  const started = await Promise.allSettled(instances.map((instance) => instance.start()));
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await Promise.all(instances.map((instance) => instance.stop("SIGKILL")));
    throw failed.reason;
  }
  for (const instance of instances) instance.ready = await instance.isReady();

  const confFile = path.join(dir, "nginx.conf");
  writeFileSync(confFile, nginxConfig({ port, instances, dir }));
  const nginx = spawn(NGINX, ["-c", confFile, "-p", dir, "-e", path.join(dir, "nginx-error.log")], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  let answering = false;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && nginx.exitCode === null; ) {
    try {
      await fetch(`${url}/api/health`);
      answering = true;
      break;
    } catch {
      await sleep(50);
    }
  }
  if (!answering) {
    nginx.kill("SIGKILL");
    await Promise.all(instances.map((instance) => instance.stop("SIGKILL")));
    throw new Error(`nginx did not start on ${url} (see ${dir}/nginx-error.log)`);
  }

  const reload = () => {
    writeFileSync(confFile, nginxConfig({ port, instances, dir }));
    nginx.kill("SIGHUP");
  };
  const setReady = (instance, ready) => {
    if (instance.ready === ready) return;
    instance.ready = ready;
    reload();
  };

  // Active readiness: nginx (open source) only notices failures on live traffic, so this
  // loop asks every instance each second and takes the unready ones out of rotation.
  let checking = true;
  const checker = (async () => {
    while (checking) {
      await sleep(READY_CHECK_MS);
      for (const instance of instances) {
        if (!checking || instance.draining) continue;
        setReady(instance, instance.running && (await instance.isReady()));
      }
    }
  })();

  return {
    url,
    dataDir,
    instances,
    /** Crashes one instance (SIGKILL): nginx finds out from failed requests alone. */
    kill: (index) => instances[index].stop("SIGKILL"),
    /** Takes one instance out of rotation, stops it gracefully, starts it and puts it back. */
    async restart(index) {
      const instance = instances[index];
      instance.draining = true;
      setReady(instance, false);
      await sleep(500); // let requests already sent to it finish
      await instance.stop("SIGTERM");
      await instance.start();
      instance.draining = false;
      setReady(instance, await instance.isReady());
    },
    async stop() {
      checking = false;
      await checker;
      const exited = new Promise((resolve) => nginx.once("exit", resolve));
      nginx.kill("SIGTERM");
      await exited;
      await Promise.all(instances.map((instance) => instance.stop("SIGTERM")));
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      instances: { type: "string", default: "2" },
      port: { type: "string", default: "8080" },
      "cosmos-test-server": { type: "boolean", default: false },
    },
  });
  if (!existsSync(".next/BUILD_ID")) {
    console.log("==> No production build yet: running next build");
    execFileSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit" });
  }
  const env = {};
  let cosmos = null;
  if (values["cosmos-test-server"]) {
    const { startTestCosmosServer } = await import("../lib/server/store/test-cosmos-server.mjs");
    cosmos = await startTestCosmosServer();
    Object.assign(env, {
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_ALLOW_SELF_SIGNED: "1",
    });
  }
  const cluster = await startCluster({
    instances: Number(values.instances),
    port: Number(values.port),
    dataDir: path.resolve(process.env.HANDOFF_DATA_DIR ?? ".data"),
    env,
  });
  const store = cosmos
    ? "the Cosmos DB test server"
    : process.env.COSMOS_ENDPOINT
      ? "Cosmos DB"
      : `SQLite in ${cluster.dataDir}`;
  console.log(
    `\nHandoff: ${cluster.url}  (nginx, round-robin over ${cluster.instances.length} instances; store: ${store})`,
  );
  for (const instance of cluster.instances)
    console.log(`  instance ${instance.index}: ${instance.url}`);
  console.log("Ctrl-C stops everything.");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    await cosmos?.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

// Run as a command, not when imported by the tests or the benchmark.
if (path.basename(process.argv[1] ?? "") === "cluster.mjs") {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

// `npm run bench:history` (and the end of `npm run bench`): what draft history costs.
//  1. Store bytes of history per draft-hour of typing: an hour of a typing model (bursts of
//     autosaves, pauses of seconds to minutes) against the real server, with time compressed
//     100x (HANDOFF_HISTORY_PAUSE_MS 300 instead of 30 000, every wait of the model / 100).
//  2. The cost of a save with history: a save as typing sends it (the history rule reads the
//     draft first, keeps nothing) and a save that keeps a version (a merge: the version is kept,
//     the budget checked, old ones pruned), against the empty route handler of the same run.
//
//   node bench/history.mjs [--seconds 5]
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freePortSync, newDataDir, newSecret, TestServer } from "../e2e/support/server.mjs";
import { signedInCookie } from "../e2e/support/session-cookie.mjs";

const SCALE = 100;
const CONNECTIONS = 20;
const log = (...line) => console.log(...line);

async function api(base, cookie, path, init = {}) {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { Cookie: cookie, "Content-Type": "application/json", ...init.headers },
  });
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: await response.json(),
  };
}

/** A deterministic pseudo-random sequence, so every run types the same hour. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One hour of writing one draft: bursts of 5 to 60 autosaves (one every 2 to 6 s while typing,
 * each adding about six words), then a pause of 5 s to 4 min; the model's clock runs SCALE
 * times faster than the server's history pause is shortened, so the rule sees real proportions.
 */
async function typingHour(base, cookie) {
  const next = random(42);
  const { body } = await api(base, cookie, "/api/drafts", {
    method: "POST",
    body: JSON.stringify({ title: "An hour of typing" }),
  });
  let { id, version } = body.draft;
  let text = "";
  let modelMs = 0;
  let saves = 0;
  let word = 0;
  while (modelMs < 60 * 60 * 1000) {
    const burst = 5 + Math.floor(next() * 56);
    for (let i = 0; i < burst && modelMs < 60 * 60 * 1000; i++) {
      const wait = 2000 + next() * 4000;
      modelMs += wait;
      await sleep(wait / SCALE);
      for (let w = 0; w < 6; w++) text += ` word${word++}`;
      const saved = await api(base, cookie, `/api/drafts/${id}`, {
        method: "PUT",
        headers: { "If-Match": `"v${version}"` },
        body: JSON.stringify({ title: "An hour of typing", body: text.trim() }),
      });
      if (saved.status !== 200) throw new Error(`save answered ${saved.status}`);
      ({ version } = saved.body.draft);
      saves++;
    }
    const pause = 5000 + next() * 235_000;
    modelMs += pause;
    await sleep(pause / SCALE);
  }
  const { body: account } = await api(base, cookie, "/api/account");
  const kept = account.documents.filter((doc) => doc.kind === "history");
  const bytes = kept.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(doc.data)), 0);
  const draftBytes = Buffer.byteLength(JSON.stringify({ title: "An hour of typing", body: text }));
  return { saves, versions: kept.length, bytes, draftBytes };
}

function cannon(options, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: seconds, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function saveCosts(base, cookie, seconds) {
  const drafts = [];
  for (let i = 0; i < 2 * CONNECTIONS; i++) {
    const { body } = await api(base, cookie, "/api/drafts", {
      method: "POST",
      body: JSON.stringify({ title: "bench", body: "a draft of some length ".repeat(40) }),
    });
    drafts.push(body.draft);
  }
  let next = 0;
  const save = (intent) => ({
    url: base,
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    requests: [
      {
        method: "PUT",
        setupRequest: (req, context) => {
          context.draft = drafts[next++ % drafts.length];
          return {
            ...req,
            path: `/api/drafts/${context.draft.id}`,
            headers: {
              ...req.headers,
              "If-Match": `"v${context.draft.version}"`,
              ...(intent ? { "Handoff-Save": intent } : {}),
            },
            body: JSON.stringify({ title: "bench", body: `saved at ${Date.now()} `.repeat(40) }),
          };
        },
        onResponse: (status, body, context) => {
          const answer = JSON.parse(body);
          const latest = status === 200 ? answer.draft : answer.current;
          if (latest) context.draft.version = Math.max(context.draft.version, latest.version);
        },
      },
    ],
  });
  const runs = [
    ["empty route handler (baseline)", { url: `${base}/api/health` }],
    ["save while typing (nothing kept)", save(null)],
    ["save that keeps a version", save("merge")],
  ];
  for (const [, options] of runs) await cannon(options, 2);
  const rounds = [];
  for (let round = 0; round < 2; round++)
    for (const [name, options] of runs)
      rounds.push({ name, result: await cannon(options, seconds) });
  return runs.map(([name]) => {
    const mine = rounds.filter((r) => r.name === name).map((r) => r.result);
    const best = mine.reduce((a, b) => (b.requests.average > a.requests.average ? b : a));
    const failed = mine.reduce((sum, r) => sum + r.requests.total - r["2xx"], 0);
    return { name, rps: best.requests.average, p99: best.latency.p99, failed };
  });
}

export async function historyFigures({ seconds = 5 } = {}) {
  const server = new TestServer({
    port: freePortSync(),
    dataDir: newDataDir(),
    secret: newSecret(),
    // The defaults a deployment runs with, but for the pause (time runs SCALE times faster).
    env: {
      HANDOFF_HISTORY_PAUSE_MS: String(30_000 / SCALE),
      HANDOFF_HISTORY_MAX_VERSIONS: "1000",
      HANDOFF_HISTORY_MAX_BYTES: String(8 * 1024 * 1024),
    },
  });
  await server.start();
  try {
    log("\nDraft history (issue 18):");
    const hour = await typingHour(server.url, (await signedInCookie(server.url)).cookie);
    log(
      `  one draft-hour of typing (model, time x${SCALE}): ${hour.saves} saves, ${hour.versions} versions kept, ${(hour.bytes / 1024).toFixed(1)} KB of history for a ${(hour.draftBytes / 1024).toFixed(1)} KB draft (${(hour.bytes / hour.draftBytes).toFixed(1)}x the draft; one version per save would keep ${hour.saves})`,
    );
    const rows = await saveCosts(server.url, (await signedInCookie(server.url)).cookie, seconds);
    const [baseline, typing, keeping] = rows;
    log(`  ${CONNECTIONS} connections, ${seconds} s per round, best of 2 rounds:`);
    for (const row of rows)
      log(
        `    ${row.name.padEnd(34)} ${row.rps.toFixed(0).padStart(6)} req/s  p99 ${String(row.p99).padStart(4)} ms  ${(row.rps / baseline.rps).toFixed(2)}x empty  ${row.failed} failed`,
      );
    log(
      `  a save that keeps a version runs at ${(keeping.rps / typing.rps).toFixed(2)}x the rate of a save that keeps none`,
    );
    return { hour, rows };
  } finally {
    await server.stop("SIGTERM");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" } } });
  historyFigures({ seconds: Number(values.seconds) }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

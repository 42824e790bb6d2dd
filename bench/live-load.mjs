// One load generator process of bench/live.mjs (a process holds at most ~20,000 sockets here).
// It plays `tabs` signed-in tabs, each of its own user: one poke stream each, a safety pulse
// every `safetyMs` (60 s) at a random phase, and, for the 10% in use, saves at `writesPerSecond` in all.
// It measures pulse latency from when each pulse was due and poke delay from each save sent.
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { encode } from "next-auth/jwt";

const { base, secret, tabs, seconds, writesPerSecond, safetyMs } = JSON.parse(process.argv[2]);
const url = new URL(base);
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

const users = [];
for (let i = 0; i < tabs; i++) {
  const sub = randomUUID();
  const token = await encode({ token: { sub, sid: randomUUID(), startedAt: Date.now() }, secret });
  users.push({ sub, cookie: `next-auth.session-token=${token}`, waiting: [] });
}

const pokeDelays = [];
let streamErrors = 0;
let open = 0;

function openStream(user) {
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: "/api/live",
        headers: { Cookie: user.cookie },
        agent: false,
      },
      (res) => {
        if (res.statusCode !== 200) {
          streamErrors++;
          res.resume();
          return resolve(false);
        }
        open++;
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          if (!chunk.includes("event: poke")) return;
          const now = performance.now();
          for (const sent of user.waiting.splice(0)) pokeDelays.push(now - sent);
        });
        res.on("error", () => {});
        resolve(true);
      },
    );
    req.on("error", () => {
      streamErrors++;
      resolve(false);
    });
    req.end();
  });
}

// Open the streams a few hundred at a time, as tabs would arrive.
for (let i = 0; i < users.length; i += 200)
  await Promise.all(users.slice(i, i + 200).map(openStream));
process.send({ type: "opened", open, streamErrors });
await new Promise((resolve) => process.once("message", resolve));

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const call = (path, user, method = "GET", body) =>
  new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        agent,
        headers: {
          Cookie: user.cookie,
          Origin: base,
          ...(body ? { "Content-Type": "application/json" } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      },
    );
    req.setTimeout(10_000, () => req.destroy());
    req.on("error", () => resolve(0));
    req.end(body);
  });

const started = performance.now();
const end = started + seconds * 1000;
const pulseLatencies = [];
let pulseErrors = 0;
let writeErrors = 0;
const pulses = users.map(async (user) => {
  let due = started + Math.random() * safetyMs;
  while (due < end) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const status = await call("/api/pulse", user);
    pulseLatencies.push(performance.now() - due);
    if (!(status >= 200 && status < 400)) pulseErrors++;
    due += safetyMs;
  }
});
const inUse = users.slice(0, Math.max(1, Math.floor(users.length / 10)));
const writes = (async () => {
  const gap = 1000 / writesPerSecond;
  for (let due = started; due < end; due += gap) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const user = inUse[Math.floor(Math.random() * inUse.length)];
    user.waiting.push(performance.now());
    const body = JSON.stringify({ id: randomUUID(), title: "bench" });
    void call("/api/drafts", user, "POST", body).then((status) => {
      if (status !== 201) writeErrors++;
    });
  }
})();
await Promise.all([...pulses, writes]);
await new Promise((resolve) => setTimeout(resolve, 1000)); // the last pokes
pulseLatencies.sort((a, b) => a - b);
pokeDelays.sort((a, b) => a - b);
process.send({
  type: "done",
  open,
  streamErrors,
  pulses: pulseLatencies.length,
  pulseP99: percentile(pulseLatencies, 99),
  pulseErrors,
  pokes: pokeDelays.length,
  pokeP50: percentile(pokeDelays, 50),
  pokeP99: percentile(pokeDelays, 99),
  writes: Math.round(seconds * writesPerSecond),
  writeErrors,
});
process.exit(0);

// `npm run check:vercel`: builds Handoff as Vercel would for a preview deployment, offline and
// without an account (the Vercel CLI's `vercel build`), and checks the Build Output: every API
// route of app/ became a function on the Node.js runtime (none on the edge, where SQLite,
// node:crypto's scrypt and the Cosmos SDK do not run).
//
//   node scripts/check-vercel.mjs [--prod]
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const target = process.argv.includes("--prod") ? "production" : "preview";
const output = path.resolve(".vercel/output");

// A project file written by hand stands in for `vercel link`; the empty install command stops
// the CLI from running an install of its own (offline, that would retry for minutes).
mkdirSync(".vercel", { recursive: true });
writeFileSync(
  ".vercel/project.json",
  JSON.stringify({
    projectId: "prj_local",
    orgId: "team_local",
    settings: {
      framework: "nextjs",
      installCommand: "",
      buildCommand: null,
      outputDirectory: null,
      rootDirectory: null,
      devCommand: null,
    },
  }),
);

console.log(`==> vercel build --target ${target} (offline)`);
execFileSync(
  process.execPath,
  [path.resolve("node_modules/vercel/dist/index.js"), "build", "--yes", "--target", target],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, VERCEL_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" },
  },
);

const config = JSON.parse(readFileSync(path.join(output, "config.json"), "utf8"));
const problems = [];
if (config.version !== 3) problems.push(`Build Output version ${config.version}, expected 3`);

/** app/api/**\/route.ts as the function paths Vercel gives them: api/drafts/[id] and so on. */
function apiRoutes(dir = "app/api", prefix = "api") {
  const routes = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory())
      routes.push(...apiRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    else if (entry.name === "route.ts") routes.push(prefix);
  }
  return routes.sort();
}

const rows = [];
for (const route of apiRoutes()) {
  const func = path.join(output, "functions", `${route}.func`);
  if (!existsSync(func)) {
    problems.push(`${route}: no function in the Build Output`);
    continue;
  }
  const vc = JSON.parse(readFileSync(path.join(realpathSync(func), ".vc-config.json"), "utf8"));
  const runtime = vc.runtime ?? "edge";
  if (!runtime.startsWith("nodejs"))
    problems.push(`${route}: runtime ${runtime}, expected Node.js`);
  rows.push(
    `  ${route.padEnd(36)} ${runtime.padEnd(12)} ${path.relative(output, realpathSync(func))}`,
  );
}
// The poke stream ends itself before its function's time limit, so Vercel never cuts it off
// mid-event; the page reconnects with the marker it was told (README "Live while in use").
const liveFunc = path.join(output, "functions", "api/live.func");
if (existsSync(liveFunc)) {
  const vc = JSON.parse(readFileSync(path.join(realpathSync(liveFunc), ".vc-config.json"), "utf8"));
  const streamSeconds = Number(process.env.HANDOFF_LIVE_STREAM_SECONDS ?? 280);
  if (typeof vc.maxDuration !== "number")
    problems.push("api/live: no maxDuration in its function config");
  else if (streamSeconds >= vc.maxDuration)
    problems.push(
      `api/live: streams last ${streamSeconds} s, not less than the function's maxDuration ${vc.maxDuration} s`,
    );
  else
    console.log(
      `api/live: maxDuration ${vc.maxDuration} s, streams end themselves after ${streamSeconds} s.`,
    );
}
console.log(`\nAPI routes in .vercel/output (${target}): route, runtime, function`);
for (const row of rows) console.log(row);
const functions = new Set(rows.map((row) => row.trim().split(/\s+/).at(-1)));
console.log(`\n${rows.length} API routes served by ${functions.size} function(s).`);
const proxy = path.join(output, "functions", "_middleware.func", ".vc-config.json");
if (existsSync(proxy)) {
  const runtime = JSON.parse(readFileSync(proxy, "utf8")).runtime ?? "edge";
  console.log(`proxy.ts (the page CSP nonce) runs as _middleware on ${runtime}.`);
}

if (problems.length) {
  console.error(`\nVercel readiness check failed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log("Vercel readiness check passed.");

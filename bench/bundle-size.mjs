// First-load JS per route, gzipped, from the last `next build` (Next 16 no longer prints it).
// `/_not-found` is the framework-only baseline: a bare App Router page with no code of ours.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const stats = JSON.parse(readFileSync(".next/diagnostics/route-bundle-stats.json", "utf8"));
const gzipKb = (paths) =>
  paths.reduce((sum, p) => sum + gzipSync(readFileSync(p), { level: 9 }).length, 0) / 1024;

const baseline = gzipKb(stats.find((r) => r.route === "/_not-found").firstLoadChunkPaths);
const TARGET = 1.3;
console.log(
  `First-load JS (gzip), against the bare /_not-found page (target: ${TARGET}x or less):`,
);
let worst = 0;
for (const { route, firstLoadChunkPaths } of stats) {
  const kb = gzipKb(firstLoadChunkPaths);
  const ratio = kb / baseline;
  worst = Math.max(worst, ratio);
  console.log(
    `  ${route.padEnd(14)} ${kb.toFixed(1).padStart(7)} KB   ${ratio.toFixed(2)}x   (+${(kb - baseline).toFixed(1)} KB over bare)${ratio > TARGET ? "   over target" : ""}`,
  );
}
console.log(`Largest page: ${worst.toFixed(2)}x the bare page.`);

// The service worker (issue 17) is not in any page's first-load JS: the page registers it once
// it is running, and the browser fetches it beside the page, once per deployment.
const worker = ".next/server/app/serwist/sw.js.body"; // the prerendered route's body
if (existsSync(worker)) {
  const workerKb = gzipKb([worker]);
  console.log(
    `The service worker: ${workerKb.toFixed(1)} KB gzip; with it counted, the largest page is ${(worst + workerKb / baseline).toFixed(2)}x the bare page.`,
  );
}

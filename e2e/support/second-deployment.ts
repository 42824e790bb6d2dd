import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const BUILD = ".next";
const SECOND = path.join(BUILD, "deploy-2");

/**
 * A second deployment of the built app, for the test of a worker update: the same build with
 * a different service worker, as a new deployment has. A second `next build` would take a
 * minute of the suite; what the browser sees of a deployment (a changed `/serwist/sw.js`, so
 * it installs the new worker beside the old) is the same. Hard links make it instant; the
 * worker's files are written anew, so the first build's stay as they were. Served with
 * HANDOFF_DIST_DIR (next.config.js); `next build` deletes it with the rest of `.next`.
 */
export function secondDeployment(): Record<string, string> {
  if (!existsSync(path.join(SECOND, "BUILD_ID"))) {
    rmSync(SECOND, { recursive: true, force: true });
    linkTree(BUILD, SECOND, new Set(["deploy-2", "cache"]));
    for (const worker of findWorkers(SECOND)) {
      const text = readFileSync(worker, "utf8");
      rmSync(worker); // break the hard link before writing
      writeFileSync(worker, `${text}\n// the second deployment\n`);
    }
  }
  return { HANDOFF_DIST_DIR: SECOND };
}

function linkTree(from: string, to: string, skip = new Set<string>()) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) linkTree(source, target);
    else linkSync(source, target);
  }
}

function findWorkers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findWorkers(full);
    return entry.name === "sw.js.body" ? [full] : [];
  });
}

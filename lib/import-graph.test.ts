import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape of lib/: code is told apart by where it runs, `lib/shared/` (browser and server
 * alike), `lib/browser/` and `lib/server/`, and imports follow that (components and app too).
 * Inside, a folder may use another only if that one never uses it back, directly or through
 * others, and no module imports one that imports it back. Type-only imports count: they are
 * the first step of most cycles.
 */
const LIB = path.resolve(__dirname);
const ROOT = path.resolve(LIB, "..");
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", "/index.ts"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return SOURCE.test(entry.name) && !/\.test\.ts$|\.d\.mts$/.test(entry.name) ? [full] : [];
  });
}

const files = sources(LIB);
const everywhere = [
  ...files,
  ...sources(path.join(ROOT, "components")),
  ...sources(path.join(ROOT, "app")),
];
const known = new Set(everywhere);

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice("@/".length));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const extension of EXTENSIONS) {
    if (known.has(base + extension)) return base + extension;
  }
  return null;
}

/** Static imports and re-exports (type-only too) and dynamic `import("…")`, outside comments. */
const IMPORT = /\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g;
const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;

const importsOf = (file: string) => {
  const code = readFileSync(file, "utf8").replace(COMMENT, "");
  return [...code.matchAll(IMPORT)]
    .map((match) => resolve(file, match[1] ?? match[2] ?? ""))
    .filter((target): target is string => target !== null);
};

const imports = new Map(
  files.map((file) => {
    const code = readFileSync(file, "utf8").replace(COMMENT, "");
    const targets = [...code.matchAll(IMPORT)]
      .map((match) => resolve(file, match[1] ?? match[2] ?? ""))
      .filter((target): target is string => target !== null);
    return [file, targets];
  }),
);

/**
 * What loading a module loads at once: its static imports that are not type-only (a type import
 * is erased; `import("…")` makes a chunk of its own, loaded later).
 */
const RUNTIME_IMPORT =
  /(?:^|[;\n])\s*(?:import|export)\s+(?!type\s)(?:[^;"']*?\sfrom\s*)?["']([^"']+)["']/g;

function loadedAtOnce(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, "utf8").replace(COMMENT, "");
    for (const [, specifier = ""] of code.matchAll(RUNTIME_IMPORT)) {
      const target = resolve(file, specifier);
      if (target) visit(target);
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

/** A file's node in the folder graph: its folder under lib/<side>/, or the file itself. */
const folderOf = (file: string) => {
  const [side, first, ...rest] = path.relative(LIB, file).split(path.sep);
  return rest.length > 0 ? `lib/${side}/${first}/` : `lib/${side}/${first}`;
};

/** The first cycle found in a graph, as the path that closes it, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, "open");
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

/** Where a file's code runs, by its folder; null for what the rule does not cover. */
function sideOf(file: string): "shared" | "browser" | "server" | "components" | "app" | null {
  const relative = path.relative(ROOT, file).split(path.sep);
  if (relative[0] === "lib") {
    const side = relative[1];
    return side === "shared" || side === "browser" || side === "server" ? side : null;
  }
  return relative[0] === "components" || relative[0] === "app" ? relative[0] : null;
}

/** Which sides each side may import. */
const MAY_IMPORT = {
  shared: ["shared"],
  browser: ["shared", "browser"],
  server: ["shared", "server"],
  components: ["shared", "browser", "components"],
  app: ["shared", "server", "components", "app"],
} as const;

describe("code by where it runs", () => {
  it("imports only what runs where it runs", () => {
    const wrong: string[] = [];
    for (const file of everywhere) {
      const side = sideOf(file);
      if (!side) continue;
      for (const target of importsOf(file)) {
        const targetSide = sideOf(target);
        if (targetSide && !(MAY_IMPORT[side] as readonly string[]).includes(targetSide))
          wrong.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("marks every server module server-only, and no other", () => {
    const runtime = (code: string) => /^\s*export\s+(?!type\s|interface\s)/m.test(code);
    for (const file of files.filter((f) => f.endsWith(".ts"))) {
      const code = readFileSync(file, "utf8");
      const marked = /^import "server-only";/m.test(code);
      const side = sideOf(file);
      if (side === "server" && runtime(code)) expect(marked, path.relative(ROOT, file)).toBe(true);
      if (side !== "server") expect(marked, path.relative(ROOT, file)).toBe(false);
    }
  });

  it("would notice a browser module that reaches the server", () => {
    const from = path.join(LIB, "browser/sync/client.ts");
    const to = path.join(LIB, "server/store/index.ts");
    expect(MAY_IMPORT[sideOf(from) as "browser"]).not.toContain(sideOf(to));
  });
});

describe("imports inside lib/", () => {
  it("reads the modules it checks", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.get(path.join(LIB, "browser/sync/doc-sync.ts"))).toContain(
      path.join(LIB, "shared/sync/types.ts"),
    );
  });

  it("has no folder that imports one that imports it back", () => {
    const graph = new Map<string, Set<string>>();
    for (const [file, targets] of imports) {
      const from = folderOf(file);
      const edges = graph.get(from) ?? new Set<string>();
      for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
      graph.set(from, edges);
    }
    expect(findCycle(graph)?.join(" -> ")).toBeUndefined();
  });

  it("has no module that imports one that imports it back", () => {
    const graph = new Map([...imports].map(([file, targets]) => [file, new Set(targets)]));
    const cycle = findCycle(graph);
    expect(cycle?.map((file) => path.relative(LIB, file)).join(" -> ")).toBeUndefined();
  });

  it("keeps zod and server-only code out of what every signed-in page loads", () => {
    // The kinds list, the sync client (outbox replay, a guest's local API) and the hooks are on
    // every page;
    // each kind's zod schema is loaded on demand instead (bench/bundle-size.mjs).
    for (const entry of [
      "shared/kinds/index.ts",
      "browser/sync/use-synced-doc.ts",
      "browser/sync/client.ts",
    ]) {
      const loaded = loadedAtOnce(path.join(LIB, entry));
      expect(loaded.size, entry).toBeGreaterThan(5);
      expect(
        [...loaded].filter((name) => /^(zod|server-only)(\/|$)/.test(name)),
        entry,
      ).toEqual([]);
    }
    expect(loadedAtOnce(path.join(LIB, "shared/shop/cart-schema.ts"))).toContain("zod");
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
    ]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
  });
});

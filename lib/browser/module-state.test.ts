import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Browser code keeps no mutable state at module level: what a page needs lives in its sync
 * client (one per shell, lib/browser/sync/client.ts) or in React state, so two clients in one
 * process (tests, or two shells) never share a tab channel, an outbox, a cache or a flag.
 * Top-level `let`/`var`, `new …`, mutable array or object literals and store factories fail.
 */
const ROOT = path.resolve(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const STATEFUL_CALL = /^(create|createStore|initCache|persist)\s*[<(]/;

/** The module-level declarations of `code` that hold mutable state, by line. */
export function moduleState(code: string): string[] {
  const lines = code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, "")).split("\n");
  const found: string[] = [];
  lines.forEach((line, index) => {
    const declaration = /^(?:export\s+)?(let|var|const)\s+(\w+)[^=]*=\s*(.*)$/.exec(line);
    if (!declaration) {
      if (/^(?:export\s+)?(let|var)\s/.test(line)) found.push(line);
      return;
    }
    const [, keyword, , init = ""] = declaration;
    // The statement: this line and the indented ones after it, up to the next top-level line.
    let statement = line;
    for (
      let next = index + 1;
      next < lines.length && /^(\s|[)}\]])/.test(lines[next] ?? "");
      next++
    )
      statement += `\n${lines[next]}`;
    const frozen = /as const;?\s*$/.test(statement) || init.startsWith("Object.freeze(");
    if (
      keyword !== "const" ||
      init.startsWith("new ") ||
      STATEFUL_CALL.test(init) ||
      (/^[[{]/.test(init) && !frozen)
    )
      found.push(line);
  });
  return found;
}

describe("module state in lib/browser", () => {
  it("finds it when there is some", () => {
    const code = [
      "let sessionEnded = null;",
      "const live = new Set<() => void>();",
      "export const useRole = create<{ leader: boolean }>(() => ({ leader: false }));",
      "const queue = [];",
      "const KEYS = ['a', 'b'] as const;",
      "export const config = Object.freeze({ a: 1 });",
      "const url = kind.url('');",
      "export function f() {",
      "  let inside = 1;",
      "}",
    ].join("\n");
    expect(moduleState(code)).toEqual([
      "let sessionEnded = null;",
      "const live = new Set<() => void>();",
      "export const useRole = create<{ leader: boolean }>(() => ({ leader: false }));",
      "const queue = [];",
    ]);
  });

  it("has none", () => {
    const files = sources(ROOT);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) =>
      moduleState(readFileSync(file, "utf8")).map(
        (line) => `${path.relative(ROOT, file)}: ${line}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});

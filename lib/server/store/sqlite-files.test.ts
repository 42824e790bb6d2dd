import { randomUUID } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSqliteStore } from "./sqlite";

const mode = (file: string) => statSync(file).mode & 0o777;

describe("the SQLite file", () => {
  it("and its folder are readable by their owner only, the WAL files included", async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), "handoff-modes-")), "data");
    const file = path.join(folder, "handoff.db");
    const store = createSqliteStore({ file });
    await store.createDoc({ id: randomUUID(), userId: "u", kind: "draft", data: { a: 1 } });
    expect(mode(folder)).toBe(0o700);
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name)).toBe(0o600);
    await store.close();
  });
});

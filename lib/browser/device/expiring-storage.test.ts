import { describe, expect, it } from "vitest";
import { expiringStorage } from "./expiring-storage";

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

describe("expiringStorage", () => {
  it("reads a value until it expires, then removes it", () => {
    let now = 1000;
    const backing = memoryStorage();
    const storage = expiringStorage(
      () => backing,
      500,
      () => now,
    );
    storage.setItem("k", "v");
    now = 1499;
    expect(storage.getItem("k")).toBe("v");
    now = 1500;
    expect(storage.getItem("k")).toBeNull();
    expect(backing.getItem("k")).toBeNull();
  });
  it("pushes the expiry back on every write", () => {
    let now = 0;
    const backing = memoryStorage();
    const storage = expiringStorage(
      () => backing,
      100,
      () => now,
    );
    storage.setItem("k", "1");
    now = 90;
    storage.setItem("k", "2");
    now = 150;
    expect(storage.getItem("k")).toBe("2");
    expect(storage.getItem("missing")).toBeNull();
  });
  it("treats garbage as absent", () => {
    const backing = memoryStorage();
    backing.setItem("k", "not json");
    expect(expiringStorage(() => backing, 100).getItem("k")).toBeNull();
    expect(backing.getItem("k")).toBeNull();
  });
});

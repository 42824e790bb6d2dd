/** Web Storage in memory: for "Keep nothing on this device", and where there is none (SSR, tests). */
export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
}

/**
 * Where one client keeps what must outlive a render: the browser's Web Storage, or, under the
 * signed-in user's "Keep nothing on this device" setting, memory only (gone on reload; the
 * server has it all).
 */
export interface DeviceStorage {
  local: Storage;
  session: Storage;
  keepsNothing: boolean;
}

const hasWebStorage = () => typeof window !== "undefined" && typeof localStorage !== "undefined";

export function deviceStorage(keepNothing: boolean): DeviceStorage {
  const memory = keepNothing || !hasWebStorage();
  return {
    local: memory ? new MemoryStorage() : localStorage,
    session: memory ? new MemoryStorage() : sessionStorage,
    keepsNothing: keepNothing,
  };
}

/** Every key Handoff writes starts with this, so leaving can find and remove them all. */
export const KEY_PREFIX = "handoff:";

/** Removes Handoff's keys from these storages and from the browser's own. */
export function clearHandoffStorage(storages: Storage[] = []) {
  const all = hasWebStorage() ? [localStorage, sessionStorage, ...storages] : storages;
  for (const storage of new Set(all)) {
    for (const key of storageKeys(storage)) {
      if (key.startsWith(KEY_PREFIX)) storage.removeItem(key);
    }
  }
}

function storageKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** IndexedDB databases of ours ("handoff…"), for leaving. */
export async function deleteHandoffDatabases() {
  if (typeof indexedDB === "undefined" || !("databases" in indexedDB)) return;
  for (const { name } of await indexedDB.databases())
    if (name?.startsWith("handoff")) indexedDB.deleteDatabase(name);
}

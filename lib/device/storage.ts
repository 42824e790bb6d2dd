/**
 * Where this tab may keep things: the browser's Web Storage, or, under the signed-in user's
 * "Keep nothing on this device" setting, memory only (gone on reload; the server has it all).
 */
let keepNothing = false;

/** Web Storage in memory: for "keep nothing", and for code that runs where there is none. */
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

const memoryLocal = new MemoryStorage();
const memorySession = new MemoryStorage();

export function setKeepNothing(value: boolean) {
  keepNothing = value;
}

export const keepsNothing = () => keepNothing;

export const localStore = (): Storage => (keepNothing ? memoryLocal : localStorage);
export const sessionStore = (): Storage => (keepNothing ? memorySession : sessionStorage);

/** Every key Handoff writes starts with this, so leaving can find and remove them all. */
export const KEY_PREFIX = "handoff:";

/** Removes Handoff's keys from both Web Storages (and the memory stand-ins). */
export function clearHandoffStorage(filter: (key: string) => boolean = () => true) {
  for (const storage of [localStorage, sessionStorage, memoryLocal, memorySession]) {
    for (const [key] of storageEntries(storage)) {
      if (key.startsWith(KEY_PREFIX) && filter(key)) storage.removeItem(key);
    }
  }
}

function storageEntries(storage: Storage): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) entries.push([key, storage.getItem(key) ?? ""]);
  }
  return entries;
}

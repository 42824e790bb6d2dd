import { mergeText } from "./text-merge";

/**
 * Three-way merge of flat records, field by field: a field only I changed keeps my value, a
 * field only they changed takes theirs. When both changed the same field, `resolve` decides.
 */
export function mergeFields<T extends Record<string, unknown>>(
  base: T,
  mine: T,
  theirs: T,
  resolve: (key: keyof T, base: T[keyof T], mine: T[keyof T], theirs: T[keyof T]) => T[keyof T] = (
    _k,
    _b,
    m,
  ) => m,
): T {
  const merged = { ...theirs };
  for (const key of Object.keys(mine) as Array<keyof T>) {
    const iChanged = !Object.is(mine[key], base[key]);
    const theyChanged = !Object.is(theirs[key], base[key]);
    if (iChanged && !theyChanged) merged[key] = mine[key];
    else if (iChanged && theyChanged && !Object.is(mine[key], theirs[key])) {
      merged[key] = resolve(key, base[key], mine[key], theirs[key]);
    }
  }
  return merged;
}

export function shallowEqual<T extends Record<string, unknown>>(a: T, b: T): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

export interface RecordMerge<T> {
  data: T;
  /** Fields both sides rewrote in overlapping ways: `data` holds mine, theirs must be kept elsewhere. */
  conflicts: string[];
}

/** The default merge of a document: per field, and within text fields, per word (diff3). */
export function mergeRecord<T extends Record<string, unknown>>(
  base: T,
  mine: T,
  theirs: T,
): RecordMerge<T> {
  const conflicts: string[] = [];
  const data = mergeFields(base, mine, theirs, (key, b, m, t) => {
    if (typeof b === "string" && typeof m === "string" && typeof t === "string") {
      const merged = mergeText(b, m, t);
      if (merged.conflict) conflicts.push(String(key));
      return merged.text as T[keyof T];
    }
    conflicts.push(String(key));
    return m;
  });
  return { data, conflicts };
}

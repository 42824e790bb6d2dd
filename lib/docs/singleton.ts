import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { type DocKind, getStore, type StoredDoc, type WriteOp } from "@/lib/store";
import type { SingletonView } from "./types";

/**
 * A document a user has at most one of per id (their cart, their application form, their
 * position in one video). It exists from the start at version 0 with `empty` data, so every
 * client writes with If-Match alike: version 0 creates it, later versions replace it.
 */
export interface SingletonDef<T> {
  kind: DocKind;
  id: string;
  empty: T;
  schema: z.ZodType<T>;
}

const view = <T>(doc: StoredDoc<T>): SingletonView<T> => ({
  version: doc.version,
  data: doc.data,
  updatedAt: doc.updatedAt,
});

export async function readSingleton<T>(
  userId: string,
  def: SingletonDef<T>,
): Promise<SingletonView<T>> {
  const doc = await getStore().getDoc<T>(userId, def.kind, def.id);
  return doc ? view(doc) : { version: 0, data: def.empty, updatedAt: null };
}

/** Cheap check for an idle poll: the version only, from one point read. */
export async function singletonVersion<T>(userId: string, def: SingletonDef<T>) {
  return (await readSingleton(userId, def)).version;
}

/** The write of `writeSingleton`, as one operation of an atomic commit with others. */
export function singletonWriteOp<T>(
  def: SingletonDef<T>,
  data: T,
  expectedVersion: number,
): WriteOp {
  return expectedVersion === 0
    ? { op: "create", kind: def.kind, id: def.id, data }
    : { op: "replace", kind: def.kind, id: def.id, data, expectedVersion };
}

export async function writeSingleton<T>(
  userId: string,
  def: SingletonDef<T>,
  data: T,
  expectedVersion: number,
): Promise<SingletonView<T>> {
  const store = getStore();
  try {
    if (expectedVersion === 0) {
      return view(await store.createDoc<T>({ id: def.id, userId, kind: def.kind, data }));
    }
    return view(await store.updateDoc<T>(userId, def.kind, def.id, data, expectedVersion));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Created meanwhile by another device, or never created: either way the client's base is
    // stale; hand it the current state to merge against.
    if (
      error.code === "conflict" ||
      error.code === "version_conflict" ||
      error.code === "not_found"
    ) {
      throw new AppError(
        "version_conflict",
        "This was changed on another device since you loaded it",
        {
          current: await readSingleton(userId, def),
        },
      );
    }
    throw error;
  }
}

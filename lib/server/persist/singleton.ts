import "server-only";
import { getStore, type StoredDoc, type WriteOp } from "@/lib/server/store";
import { AppError } from "@/lib/shared/errors";
import type { SingletonKind, SingletonView } from "@/lib/shared/sync/kind";
import { offerUndo, readUndo } from "./undo-record";

/**
 * What the server needs of a singleton to keep it: where it is stored and what it holds
 * before its first write (version 0). Synced kinds are singletons (lib/sync/kind.ts); a few
 * server-kept records (the account's shipping details) are too, without being synced.
 */
export type StoredSingleton<T> = Pick<SingletonKind<T>, "stored" | "empty"> &
  Partial<Pick<SingletonKind<T>, "name" | "describeLoss">>;

/** A stored singleton as the API sends it. */
export const singletonView = <T>(doc: StoredDoc<T>): SingletonView<T> => ({
  version: doc.version,
  data: doc.data,
  updatedAt: doc.updatedAt,
});

export async function readSingleton<T>(
  userId: string,
  kind: StoredSingleton<T>,
  id = "",
): Promise<SingletonView<T>> {
  const doc = await getStore().getDoc<T>(userId, kind.stored.kind, kind.stored.id(id));
  return doc ? singletonView(doc) : { version: 0, data: kind.empty, updatedAt: null };
}

/** The write of `writeSingleton`, as one operation of an atomic commit with others. */
export function singletonWriteOp<T>(
  kind: StoredSingleton<T>,
  data: T,
  expectedVersion: number,
  id = "",
): WriteOp {
  const { kind: storedKind } = kind.stored;
  const storedId = kind.stored.id(id);
  return expectedVersion === 0
    ? { op: "create", kind: storedKind, id: storedId, data }
    : { op: "replace", kind: storedKind, id: storedId, data, expectedVersion };
}

/**
 * A save that throws something away (kind.describeLoss: a cart line removed, a step cleared)
 * commits with the offer to undo it on every device; the undo merges `before` back against
 * `after`, so what was done since stays. Null when this save loses nothing (or cannot be read).
 */
async function saveWithUndo<T>(
  userId: string,
  kind: StoredSingleton<T>,
  data: T,
  expectedVersion: number,
  id: string,
  device: string,
): Promise<SingletonView<T> | null> {
  const { describeLoss, name } = kind;
  if (!describeLoss || !name || expectedVersion === 0) return null;
  const [current, undo] = await Promise.all([
    getStore().getDoc<T>(userId, kind.stored.kind, kind.stored.id(id)),
    readUndo(userId),
  ]);
  if (current?.version !== expectedVersion) return null;
  const label = (await describeLoss())(current.data, data);
  if (!label) return null;
  const action = {
    type: "revert" as const,
    kind: name,
    id,
    before: current.data,
    after: data,
    label,
  };
  const [saved] = await getStore().commit(userId, [
    singletonWriteOp(kind, data, expectedVersion, id),
    offerUndo(undo, action, device),
  ]);
  return singletonView(saved as StoredDoc<T>);
}

export async function writeSingleton<T>(
  userId: string,
  kind: StoredSingleton<T>,
  data: T,
  expectedVersion: number,
  id = "",
  device?: string,
): Promise<SingletonView<T>> {
  const store = getStore();
  const storedId = kind.stored.id(id);
  try {
    const undoable = device
      ? await saveWithUndo(userId, kind, data, expectedVersion, id, device)
      : null;
    if (undoable) return undoable;
    if (expectedVersion === 0) {
      return singletonView(
        await store.createDoc<T>({ id: storedId, userId, kind: kind.stored.kind, data }),
      );
    }
    return singletonView(
      await store.updateDoc<T>(userId, kind.stored.kind, storedId, data, expectedVersion),
    );
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
        { current: await readSingleton(userId, kind, id) },
      );
    }
    throw error;
  }
}

import "server-only";
import { type DocKind, getStore, type StoredDoc } from "@/lib/server/store";
import { AppError } from "@/lib/shared/errors";
import type { SingletonView } from "@/lib/shared/sync/kind";
import { assertRoomFor } from "./quota";
import { readSingleton, type StoredSingleton, singletonView, singletonWriteOp } from "./singleton";

/**
 * Exactly-once creation from a singleton (an order from the cart, a submission from the form):
 * the new document's id is derived from the singleton version the user saw, so a second click,
 * on any device, finds the first instead of making another. The new document and the
 * singleton's reset to empty are one atomic commit: a failure leaves neither, so a retry
 * does both. `make` sees the singleton at that version; it validates and may throw.
 */
export async function createOnceFrom<S, T>(
  userId: string,
  source: StoredSingleton<S>,
  expectedVersion: number,
  target: { kind: DocKind; id: string; changedMessage: string },
  make: (current: SingletonView<S>) => T | Promise<T>,
): Promise<{ doc: StoredDoc<T>; repeated: boolean; source: SingletonView<S> }> {
  const store = getStore();
  const earlier = await store.getDoc<T>(userId, target.kind, target.id);
  if (earlier) return { doc: earlier, repeated: true, source: await readSingleton(userId, source) };
  const current = await readSingleton(userId, source);
  if (current.version !== expectedVersion) {
    throw new AppError("version_conflict", target.changedMessage, { current });
  }
  const data = await make(current);
  await assertRoomFor(userId, target.kind);
  try {
    const [doc, reset] = await store.commit(userId, [
      { op: "create", kind: target.kind, id: target.id, data },
      singletonWriteOp(source, source.empty, expectedVersion),
    ]);
    return {
      doc: doc as StoredDoc<T>,
      repeated: false,
      source: singletonView(reset as StoredDoc<S>),
    };
  } catch (error) {
    // A concurrent click created it between our read and our write.
    const other = await store.getDoc<T>(userId, target.kind, target.id);
    if (other) return { doc: other, repeated: true, source: await readSingleton(userId, source) };
    // The singleton changed meanwhile: nothing was written; the client merges and retries.
    if (error instanceof AppError && error.code === "version_conflict") {
      throw new AppError("version_conflict", target.changedMessage, {
        current: await readSingleton(userId, source),
      });
    }
    throw error;
  }
}

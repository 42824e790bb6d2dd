import "server-only";
import { AppError } from "@/lib/errors";
import { type DocKind, getStore, type StoredDoc } from "@/lib/store";
import { assertRoomFor } from "./quota";

/**
 * Exactly-once creation: the id is derived from what the user acted on (a cart or form
 * version), so a second click, on any device, finds the first document instead of making
 * another. `make` runs only when none exists yet; it validates and may throw.
 */
export async function createOnce<T>(
  userId: string,
  kind: DocKind,
  id: string,
  make: () => Promise<T>,
): Promise<{ doc: StoredDoc<T>; repeated: boolean }> {
  const store = getStore();
  const earlier = await store.getDoc<T>(userId, kind, id);
  if (earlier) return { doc: earlier, repeated: true };
  const data = await make();
  await assertRoomFor(userId, kind);
  try {
    return { doc: await store.createDoc<T>({ id, userId, kind, data }), repeated: false };
  } catch (error) {
    // Created by a concurrent click between our read and our write.
    const other =
      error instanceof AppError && error.code === "conflict"
        ? await store.getDoc<T>(userId, kind, id)
        : null;
    if (!other) throw error;
    return { doc: other, repeated: true };
  }
}

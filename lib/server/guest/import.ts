import "server-only";
import { createDraft } from "@/lib/server/drafts/service";
import { assertRoomFor } from "@/lib/server/persist/quota";
import { readSingleton, singletonWriteOp } from "@/lib/server/persist/singleton";
import { accountShipping } from "@/lib/server/shipping/service";
import { getStore, type WriteOp } from "@/lib/server/store";
import { EMPTY_APPLICATION } from "@/lib/shared/apply/fields";
import { applicationKind } from "@/lib/shared/apply/kind";
import { TRASH_MS, type TrashedDraft } from "@/lib/shared/drafts/trash";
import { AppError } from "@/lib/shared/errors";
import type { GuestImport } from "@/lib/shared/guest/import-schema";
import { mergeCart } from "@/lib/shared/shop/cart";
import { cartKind } from "@/lib/shared/shop/kind";
import { SealExpiredError } from "./seal";
import { unsealShipping } from "./sealed-shipping";

export interface ImportResult {
  imported: boolean;
  drafts: number;
  /** Drafts of the guest's Trash now in the account's. */
  trashed: number;
  cartItems: number;
  form: boolean;
}

/** Expired details are left behind (the guest enters them again); damaged ones refuse the import. */
function openShipping(token: string) {
  try {
    return unsealShipping(token);
  } catch (error) {
    if (error instanceof SealExpiredError) return null;
    throw error;
  }
}

const NOTHING: ImportResult = {
  imported: false,
  drafts: 0,
  trashed: 0,
  cartItems: 0,
  form: false,
};

const isCode = (error: unknown, code: "conflict" | "version_conflict") =>
  error instanceof AppError && error.code === code;

/** The entries of the guest's Trash the account lacks and that are not yet due to go. */
async function trashToImport(userId: string, trash: GuestImport["trash"]) {
  const store = getStore();
  const now = Date.now();
  const due = trash
    .map((entry) => ({
      ...entry,
      expiresAt: Math.min(Date.parse(entry.deletedAt) + TRASH_MS, now + TRASH_MS),
    }))
    .filter((entry) => entry.expiresAt > now);
  const existing = await Promise.all(due.map(({ id }) => store.getDoc(userId, "trash", id)));
  return due.filter((_, index) => !existing[index]);
}

/**
 * The guest's Trash, into the account's under the same ids (a repeat finds them): each goes on
 * waiting out the rest of its 30 days from when it was deleted. Resolves with how many were new.
 */
async function importTrash(
  userId: string,
  entries: Awaited<ReturnType<typeof trashToImport>>,
): Promise<number> {
  let added = 0;
  for (const { id, draftId, title, body, expiresAt } of entries) {
    const kept: TrashedDraft = { draftId, title, body, version: 0 };
    try {
      await getStore().commit(userId, [{ op: "create", kind: "trash", id, data: kept, expiresAt }]);
      added++;
    } catch (error) {
      if (!isCode(error, "conflict")) throw error; // another tab's import put it there
    }
  }
  return added;
}

/**
 * Moves a guest's browser data into their account, once per `importId`, safe to retry after
 * any failure:
 * 1. everything is checked before anything is written (the sealed shipping details open, the
 *    drafts fit the account's limit), so a bad import changes nothing;
 * 2. drafts, and drafts of the guest's Trash, are created under the ids the browser gave them,
 *    so a repeat finds them;
 * 3. the cart (quantities added), the form (kept only where the account has none), the
 *    shipping details and the record of this import are one atomic commit: either all of
 *    them land, or none and a retry does them again; a later repeat finds the record and stops.
 */
export async function importGuestData(userId: string, data: GuestImport): Promise<ImportResult> {
  const store = getStore();
  const recordId = `import-${data.importId}`;
  if (await store.getDoc(userId, "import", recordId)) return NOTHING;

  const shipping = data.sealedShipping ? openShipping(data.sealedShipping) : null;
  const existing = await Promise.all(
    data.drafts.map(({ id }) => store.getDoc(userId, "draft", id)),
  );
  const newDrafts = data.drafts.filter((_, index) => !existing[index]);
  if (newDrafts.length) await assertRoomFor(userId, "draft", newDrafts.length);
  const newTrash = await trashToImport(userId, data.trash);
  // Everything this import adds, counted before anything is written.
  await assertRoomFor(userId, "import", 1 + newDrafts.length + newTrash.length);

  let drafts = 0;
  for (const { id, title, body } of newDrafts) {
    if (!(await createDraft(userId, { id, title, body })).repeated) drafts++;
  }
  const trashed = await importTrash(userId, newTrash);

  const cartItems = Object.values(data.cart).reduce((sum, quantity) => sum + quantity, 0);
  const formTouched = Object.entries(data.form).some(
    ([key, value]) => value !== EMPTY_APPLICATION[key as keyof typeof data.form],
  );
  for (let attempt = 0; ; attempt++) {
    const ops: WriteOp[] = [];
    if (cartItems > 0) {
      const cart = await readSingleton(userId, cartKind);
      ops.push(singletonWriteOp(cartKind, mergeCart({}, data.cart, cart.data).data, cart.version));
    }
    let form = false;
    if (formTouched) {
      const current = await readSingleton(userId, applicationKind);
      const accountHasOne = Object.entries(current.data).some(
        ([key, value]) =>
          key !== "step" && value !== EMPTY_APPLICATION[key as keyof typeof current.data],
      );
      if (!accountHasOne) {
        ops.push(singletonWriteOp(applicationKind, { ...data.form, step: 1 }, current.version));
        form = true;
      }
    }
    if (shipping) {
      const current = await readSingleton(userId, accountShipping);
      ops.push(singletonWriteOp(accountShipping, shipping, current.version));
    }
    const result: ImportResult = { imported: true, drafts, trashed, cartItems, form };
    try {
      await store.commit(userId, [
        {
          op: "create",
          kind: "import",
          id: recordId,
          data: { at: new Date().toISOString(), result },
        },
        ...ops,
      ]);
      return result;
    } catch (error) {
      // Another tab's import of the same data won the race: it did the work.
      if (await store.getDoc(userId, "import", recordId)) return NOTHING;
      // The cart or form changed (or was created) since we read it: read again and retry.
      const stale = isCode(error, "version_conflict") || isCode(error, "conflict");
      if (!stale || attempt >= 5) throw error;
    }
  }
}

import "server-only";
import { EMPTY_APPLICATION } from "@/lib/apply/fields";
import { applicationDef } from "@/lib/apply/service";
import { readSingleton, writeSingleton } from "@/lib/docs/singleton";
import { AppError } from "@/lib/errors";
import { mergeCart } from "@/lib/shop/cart";
import { cartDef } from "@/lib/shop/service";
import { getStore } from "@/lib/store";
import type { GuestImport } from "./import-schema";
import { saveShippingFromSeal } from "./shipping";

const isConflict = (error: unknown, code: "conflict" | "version_conflict") =>
  error instanceof AppError && error.code === code;

/** Read-modify-write with If-Match, again on a race, until it lands. */
async function retrying<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isConflict(error, "version_conflict") || attempt >= 5) throw error;
    }
  }
}

/**
 * Moves a guest's browser data into their account, once per `importId`: a marker document is
 * created first and a second import (another tab, a retry) stops there. Drafts are added
 * (their ids come from the browser, so a repeat is a no-op too), cart quantities are added to
 * the account's, and the form is kept only where the account has none.
 */
export async function importGuestData(userId: string, data: GuestImport) {
  const store = getStore();
  const markerId = `import-${data.importId}`;
  try {
    await store.createDoc({
      id: markerId,
      userId,
      kind: "import",
      data: { at: new Date().toISOString() },
    });
  } catch (error) {
    if (isConflict(error, "conflict"))
      return { imported: false, drafts: 0, cartItems: 0, form: false };
    throw error;
  }
  try {
    let drafts = 0;
    for (const { id, title, body } of data.drafts) {
      try {
        await store.createDoc({ id, userId, kind: "draft", data: { title, body } });
        drafts++;
      } catch (error) {
        if (!isConflict(error, "conflict")) throw error;
      }
    }
    const cartItems = Object.values(data.cart).reduce((sum, quantity) => sum + quantity, 0);
    if (cartItems > 0) {
      await retrying(async () => {
        const current = await readSingleton(userId, cartDef);
        const merged = mergeCart({}, data.cart, current.data).data;
        await writeSingleton(userId, cartDef, merged, current.version);
      });
    }
    const formTouched = Object.entries(data.form).some(
      ([key, value]) => value !== EMPTY_APPLICATION[key as keyof typeof data.form],
    );
    let form = false;
    if (formTouched) {
      form = await retrying(async () => {
        const current = await readSingleton(userId, applicationDef);
        const accountHasOne = Object.entries(current.data).some(
          ([key, value]) =>
            key !== "step" && value !== EMPTY_APPLICATION[key as keyof typeof current.data],
        );
        if (accountHasOne) return false;
        await writeSingleton(userId, applicationDef, { ...data.form, step: 1 }, current.version);
        return true;
      });
    }
    if (data.sealedShipping) await saveShippingFromSeal(userId, data.sealedShipping);
    return { imported: true, drafts, cartItems, form };
  } catch (error) {
    // Let a retry run the whole import again rather than find a marker and skip the rest.
    await store.deleteDoc(userId, "import", markerId).catch(() => {});
    throw error;
  }
}

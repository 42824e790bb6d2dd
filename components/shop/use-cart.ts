import { useSyncedDoc } from "@/lib/browser/sync/use-synced-doc";
import type { Cart } from "@/lib/shared/shop/cart";
import { cartKind } from "@/lib/shared/shop/kind";

/** The cart, editable here and merged with every other device's (or tab's) by quantities. */
export function useCart() {
  const { sync, snapshot } = useSyncedDoc(cartKind);
  return {
    cart: snapshot?.data ?? null,
    status: snapshot?.status ?? null,
    edit: (patch: Cart) => sync?.edit(patch),
    sync,
  };
}

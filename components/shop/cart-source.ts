import { useUserId } from "@/components/session/mode";
import { useGuest } from "@/lib/guest/store";
import type { Cart } from "@/lib/shop/cart";
import { useCart } from "@/lib/shop/client";
import type { DocSync, SyncStatus } from "@/lib/sync/doc-sync";

/** The cart as the shop and cart pages see it, from the account or from this browser. */
export interface CartSource {
  cart: Cart | null;
  status: SyncStatus | null;
  edit: (patch: Cart) => void;
  /** Only for a signed-in user: the engine, for flushing before checkout. */
  sync: DocSync<Cart> | null;
}

export function useUserCart(): CartSource {
  const { sync, snapshot } = useCart(useUserId());
  return {
    cart: snapshot?.data ?? null,
    status: snapshot?.status ?? null,
    edit: (patch) => sync?.edit(patch),
    sync,
  };
}

const LOCAL = { kind: "local" } as const;

export function useGuestCart(): CartSource {
  const cart = useGuest((state) => state.cart);
  const editCart = useGuest((state) => state.editCart);
  return { cart, status: LOCAL, edit: editCart, sync: null };
}

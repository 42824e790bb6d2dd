import { singletonRoutes } from "@/lib/persist/routes";
import { cartKind } from "@/lib/shop/kind";

export const { GET, PUT } = singletonRoutes(cartKind);

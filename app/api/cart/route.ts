import { singletonRoutes } from "@/lib/server/persist/routes";
import { cartKind } from "@/lib/shared/shop/kind";

export const { GET, PUT } = singletonRoutes(cartKind);

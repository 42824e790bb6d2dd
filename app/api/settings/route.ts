import { singletonRoutes } from "@/lib/server/persist/routes";
import { settingsKind } from "@/lib/shared/settings/kind";

export const { GET, PUT } = singletonRoutes(settingsKind);

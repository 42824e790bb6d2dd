import { singletonRoutes } from "@/lib/persist/routes";
import { settingsKind } from "@/lib/settings/kind";

export const { GET, PUT } = singletonRoutes(settingsKind);

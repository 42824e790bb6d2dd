import { singletonKind } from "@/lib/shared/sync/kind";
import { DEFAULT_SETTINGS, type Settings } from "./settings";

/** The user's preferences: edited with If-Match like every kind, read by the server too. */
export const settingsKind = singletonKind<Settings>({
  name: "settings",
  path: "/api/settings",
  stored: { kind: "settings", id: "settings" },
  empty: DEFAULT_SETTINGS,
  schema: () => import("./schema").then((module) => module.settingsSchema),
});

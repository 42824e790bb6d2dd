import "server-only";
import { readSingleton, type SingletonDef } from "@/lib/docs/singleton";
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "./schema";

export const settingsDef: SingletonDef<Settings> = {
  kind: "settings",
  id: "settings",
  empty: DEFAULT_SETTINGS,
  schema: settingsSchema,
};

export const readSettings = async (userId: string) =>
  (await readSingleton(userId, settingsDef)).data;

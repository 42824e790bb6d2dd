import "server-only";
import { readSingleton } from "@/lib/server/persist/singleton";
import { settingsKind } from "@/lib/shared/settings/kind";

export const readSettings = async (userId: string) =>
  (await readSingleton(userId, settingsKind)).data;

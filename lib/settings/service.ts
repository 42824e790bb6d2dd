import "server-only";
import { readSingleton } from "@/lib/persist/singleton";
import { settingsKind } from "./kind";

export const readSettings = async (userId: string) =>
  (await readSingleton(userId, settingsKind)).data;

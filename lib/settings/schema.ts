import { z } from "zod";

export const settingsSchema = z.object({ keepNothing: z.boolean() }).strict();
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { keepNothing: false };

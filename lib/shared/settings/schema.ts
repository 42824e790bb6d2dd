import { z } from "zod";
import type { Settings } from "./settings";

export const settingsSchema = z
  .object({ keepNothing: z.boolean() })
  .strict() satisfies z.ZodType<Settings>;

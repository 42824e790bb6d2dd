import { z } from "zod";
import type { Position } from "./position";

export const positionSchema: z.ZodType<Position> = z
  .object({
    seconds: z
      .number()
      .min(0)
      .max(24 * 60 * 60),
    at: z.int().nonnegative(),
  })
  .strict();

import { z } from "zod";
import { type Position, VIDEOS, type VideoId } from "./position";

export const videoIdSchema = z.enum(Object.keys(VIDEOS) as [VideoId], { message: "No such video" });

export const positionSchema: z.ZodType<Position> = z
  .object({
    seconds: z
      .number()
      .min(0)
      .max(24 * 60 * 60),
    at: z.int().nonnegative(),
  })
  .strict();

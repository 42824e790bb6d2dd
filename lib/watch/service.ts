import "server-only";
import type { SingletonDef } from "@/lib/docs/singleton";
import { EMPTY_POSITION, type Position, type VideoId } from "./position";
import { positionSchema } from "./schema";

export const positionDef = (videoId: VideoId): SingletonDef<Position> => ({
  kind: "position",
  id: `position-${videoId}`,
  empty: EMPTY_POSITION,
  schema: positionSchema,
});

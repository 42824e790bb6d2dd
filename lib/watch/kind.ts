import { singletonKind } from "@/lib/sync/kind";
import { EMPTY_POSITION, mergePosition, type Position } from "./position";
import { positionSchema, videoIdSchema } from "./schema";

/** Where the user is in one video: one per video, the latest write wins. */
export const positionKind = singletonKind<Position>({
  name: "position",
  path: (videoId) => `/api/positions/${videoId}`,
  idSchema: videoIdSchema,
  stored: { kind: "position", id: (videoId) => `position-${videoId}` },
  empty: EMPTY_POSITION,
  schema: positionSchema,
  merge: mergePosition,
  // Written at most every 5 s while playing (watch-page), and at once on pause: no debounce.
  debounceMs: 0,
});

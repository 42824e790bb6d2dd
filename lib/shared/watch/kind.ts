import { singletonKind } from "@/lib/shared/sync/kind";
import { EMPTY_POSITION, mergePosition, type Position, VIDEOS } from "./position";

/** Where the user is in one video: one per video, the latest write wins. */
export const positionKind = singletonKind<Position>({
  name: "position",
  path: (videoId) => `/api/positions/${videoId}`,
  ids: { label: "video", valid: (videoId) => Object.hasOwn(VIDEOS, videoId) },
  stored: { kind: "position", id: (videoId) => `position-${videoId}` },
  empty: EMPTY_POSITION,
  schema: () => import("./schema").then((module) => module.positionSchema),
  merge: mergePosition,
  // Written at most every 5 s while playing (watch-page), and at once on pause: no debounce.
  debounceMs: 0,
});

import { singletonRoutes } from "@/lib/server/persist/routes";
import { positionKind } from "@/lib/shared/watch/kind";

export const { GET, PUT } = singletonRoutes(positionKind, "videoId");

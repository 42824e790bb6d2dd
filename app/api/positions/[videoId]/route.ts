import { singletonRoutes } from "@/lib/persist/routes";
import { positionKind } from "@/lib/watch/kind";

export const { GET, PUT } = singletonRoutes(positionKind, "videoId");

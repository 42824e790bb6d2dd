import { singletonRoutes } from "@/lib/server/persist/routes";
import { applicationKind } from "@/lib/shared/apply/kind";

export const { GET, PUT } = singletonRoutes(applicationKind);

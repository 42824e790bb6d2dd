import { applicationKind } from "@/lib/apply/kind";
import { singletonRoutes } from "@/lib/persist/routes";

export const { GET, PUT } = singletonRoutes(applicationKind);

import { route } from "@/lib/http/respond";
import { getSingleton, putSingleton } from "@/lib/http/singleton-routes";
import { settingsDef } from "@/lib/settings/service";

export const GET = route((request) => getSingleton(request, settingsDef, "settings"));
export const PUT = route((request) => putSingleton(request, settingsDef, "settings"));

import { applicationDef } from "@/lib/apply/service";
import { route } from "@/lib/http/respond";
import { getSingleton, putSingleton } from "@/lib/http/singleton-routes";

export const GET = route((request) => getSingleton(request, applicationDef, "application"));
export const PUT = route((request) => putSingleton(request, applicationDef, "application"));

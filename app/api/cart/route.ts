import { route } from "@/lib/http/respond";
import { getSingleton, putSingleton } from "@/lib/http/singleton-routes";
import { cartDef } from "@/lib/shop/service";

export const GET = route((request) => getSingleton(request, cartDef, "cart"));
export const PUT = route((request) => putSingleton(request, cartDef, "cart"));

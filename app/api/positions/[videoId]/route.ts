import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/respond";
import { getSingleton, putSingleton } from "@/lib/http/singleton-routes";
import { videoIdSchema } from "@/lib/watch/schema";
import { positionDef } from "@/lib/watch/service";

type Context = { params: Promise<{ videoId: string }> };

async function definition({ params }: Context) {
  const parsed = videoIdSchema.safeParse((await params).videoId);
  if (!parsed.success) throw new AppError("not_found", "No such video");
  return positionDef(parsed.data);
}

export const GET = route(async (request: NextRequest, context: Context) =>
  getSingleton(request, await definition(context), "position"),
);
export const PUT = route(async (request: NextRequest, context: Context) =>
  putSingleton(request, await definition(context), "position"),
);

import { route } from "@/lib/server/http/respond";
import { AppError } from "@/lib/shared/errors";

/**
 * Any /api path no route serves (`/api/trash/%2e%2e/restore` resolves to `/api/restore`): 404 in
 * the one error shape, instead of the app's HTML page.
 */
const notFound = route(async () => {
  throw new AppError("not_found", "No such API route");
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;

import { requireUserId } from "@/lib/server/auth/session";
import { importGuestData } from "@/lib/server/guest/import";
import { readJson } from "@/lib/server/http/body";
import { json, route } from "@/lib/server/http/respond";
import { guestImportSchema } from "@/lib/shared/guest/import-schema";

/** A guest just signed in: their browser's data joins the account, once per import id. */
export const POST = route(async (request) => {
  const userId = await requireUserId(request);
  const data = await readJson(request, guestImportSchema);
  return json(await importGuestData(userId, data));
});

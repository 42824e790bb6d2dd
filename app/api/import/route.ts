import { requireUserId } from "@/lib/auth/session";
import { importGuestData } from "@/lib/guest/import";
import { guestImportSchema } from "@/lib/guest/import-schema";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/respond";

/** A guest just signed in: their browser's data joins the account, once per import id. */
export const POST = route(async (request) => {
  const userId = await requireUserId(request);
  const data = await readJson(request, guestImportSchema);
  return json(await importGuestData(userId, data));
});

import { deleteAccount, exportAccount } from "@/lib/server/account/service";
import { requireUser } from "@/lib/server/auth/session";
import { readJson } from "@/lib/server/http/body";
import { empty, json, route } from "@/lib/server/http/respond";
import { deleteAccountSchema } from "@/lib/shared/account/schema";

/** "Download my data": one JSON file of everything stored for the account. */
export const GET = route(async (request) => {
  const user = await requireUser(request);
  const data = await exportAccount(user);
  return json(data, {
    headers: { "Content-Disposition": 'attachment; filename="handoff-data.json"' },
  });
});

/** "Delete my account", confirmed in words (see deleteAccountSchema). */
export const DELETE = route(async (request) => {
  const user = await requireUser(request);
  await readJson(request, deleteAccountSchema);
  await deleteAccount(user);
  return empty(204);
});

import { deleteAccountSchema } from "@/lib/account/schema";
import { deleteAccount, exportAccount } from "@/lib/account/service";
import { requireUser } from "@/lib/auth/session";
import { readJson } from "@/lib/http/body";
import { empty, json, route } from "@/lib/http/respond";

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

import { createAccount } from "@/lib/server/auth/accounts";
import { admitSignUp } from "@/lib/server/auth/throttle";
import { readJson } from "@/lib/server/http/body";
import { clientAddress } from "@/lib/server/http/client-address";
import { json, route } from "@/lib/server/http/respond";
import { credentialsSchema } from "@/lib/shared/auth/schema";

/** Sign-up. The client signs in through next-auth right after a 201. */
export const POST = route(async (request) => {
  const credentials = await readJson(request, credentialsSchema);
  await admitSignUp(clientAddress(request));
  const user = await createAccount(credentials);
  return json({ user }, { status: 201 });
});

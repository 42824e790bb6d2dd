import { createAccount } from "@/lib/auth/accounts";
import { credentialsSchema } from "@/lib/auth/schema";
import { admitSignUp } from "@/lib/auth/throttle";
import { readJson } from "@/lib/http/body";
import { clientAddress } from "@/lib/http/client-address";
import { json, route } from "@/lib/http/respond";

/** Sign-up. The client signs in through next-auth right after a 201. */
export const POST = route(async (request) => {
  const credentials = await readJson(request, credentialsSchema);
  await admitSignUp(clientAddress(request));
  const user = await createAccount(credentials);
  return json({ user }, { status: 201 });
});

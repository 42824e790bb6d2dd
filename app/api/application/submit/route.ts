import { submitApplication } from "@/lib/server/apply/service";
import { requireUserId } from "@/lib/server/auth/session";
import { requiredIfMatchVersion } from "@/lib/server/http/etag";
import { json, route } from "@/lib/server/http/respond";

/** If-Match names the form version the user saw; 201 for a new submission, 200 for a repeat. */
export const POST = route(async (request) => {
  const userId = await requireUserId(request);
  const { submission, repeated } = await submitApplication(userId, requiredIfMatchVersion(request));
  return json({ submission, repeated }, { status: repeated ? 200 : 201 });
});

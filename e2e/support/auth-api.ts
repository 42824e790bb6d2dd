import type { APIRequestContext, APIResponse } from "@playwright/test";

/** One sign-in attempt through next-auth's credentials endpoint, as its client sends it. */
export async function attemptSignIn(
  api: APIRequestContext,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers,
  });
}

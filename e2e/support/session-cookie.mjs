// Signing in without a browser (a session cookie header), for the benchmark and API tests.

/** Signs up a fresh account and returns its session cookie header. */
export async function signedInCookie(base) {
  const email = `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const password = "benchmark password";
  const created = await fetch(`${base}/api/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status}`);
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  jar.push(...signIn.headers.getSetCookie().map((c) => c.split(";")[0]));
  const cookie = jar.join("; ");
  if (!cookie.includes("session-token")) throw new Error("sign-in failed");
  return { cookie, email, password };
}

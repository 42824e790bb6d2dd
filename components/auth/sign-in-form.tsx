"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { apiFetch } from "@/lib/browser/http/client";

/** next-auth's `error` as a sentence; a 429 comes as `too_many_requests:<seconds>`. */
function describeSignInError(error: string | null | undefined): string {
  const [code, seconds] = (error ?? "").split(":");
  if (code === "too_many_requests") {
    const minutes = Math.ceil(Number(seconds || 60) / 60);
    return `Too many sign-in attempts. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`;
  }
  return "Wrong email or password.";
}

export function SignInForm({
  githubEnabled,
  notice,
}: {
  githubEnabled: boolean;
  notice: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"signin" | "signup" | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const mode = submitter?.value === "signup" ? "signup" : "signin";
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setBusy(mode);
    setError(null);
    try {
      if (mode === "signup") {
        await apiFetch("/api/users", { method: "POST", json: { email, password } });
      }
      // redirect: false keeps us on whatever host served this page (NEXTAUTH_URL may differ).
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result?.ok) {
        setError(describeSignInError(result?.error));
        return;
      }
      router.replace("/drafts");
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="card auth" method="post" onSubmit={submit}>
      <h1>Sign in to Handoff</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p className="hint">
        Start on one device, finish on another. New here? Fill in both fields and create an account.
        What you did as a guest in this browser comes with you.
      </p>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="email" required />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        minLength={8}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" value="signin" disabled={busy !== null}>
          {busy === "signin" ? "Signing in…" : "Sign in"}
        </button>
        <button type="submit" value="signup" disabled={busy !== null}>
          {busy === "signup" ? "Creating account…" : "Create account"}
        </button>
      </div>
      {githubEnabled && (
        <button
          type="button"
          className="ghost"
          onClick={() => void signIn("github", { callbackUrl: "/drafts" })}
        >
          Sign in with GitHub
        </button>
      )}
    </form>
  );
}

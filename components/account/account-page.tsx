"use client";

import Link from "next/link";
import { useIsGuest } from "@/lib/browser/sync/context";
import { ChangePassword } from "./change-password";
import { DeleteAccount } from "./delete-account";
import { SignOutEverywhere } from "./sign-out-everywhere";

/** The account's own controls: password, sessions, and the user's data to take or remove. */
export function AccountPage() {
  if (useIsGuest()) {
    return (
      <section className="card account">
        <h1>Your account</h1>
        <p>
          You are a guest: nothing of yours is on the server. <Link href="/signin">Sign in</Link> to
          manage an account, or see <Link href="/about">what this browser holds</Link>.
        </p>
      </section>
    );
  }
  return (
    <div className="account">
      <h1>Your account</h1>
      <ChangePassword />
      <SignOutEverywhere />
      <section className="card" aria-labelledby="download-heading">
        <h2 id="download-heading">Download my data</h2>
        <p>One JSON file with everything the server stores for your account.</p>
        <a className="button" href="/api/account" download="handoff-data.json">
          Download my data
        </a>
      </section>
      <DeleteAccount />
    </div>
  );
}

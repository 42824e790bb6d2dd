"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useSWRConfig } from "swr";
import { forget } from "@/lib/sync/conditional-fetcher";

export function SignOutButton() {
  const router = useRouter();
  const { cache } = useSWRConfig();

  const onSignOut = async () => {
    await signOut({ redirect: false });
    // Nothing of this user may outlive the session in this tab's memory.
    forget();
    for (const key of [...cache.keys()]) cache.delete(key);
    sessionStorage.clear();
    router.replace("/signin");
    router.refresh();
  };

  return (
    <button type="button" className="ghost" onClick={onSignOut}>
      Sign out
    </button>
  );
}

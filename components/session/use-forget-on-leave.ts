import { useEffect } from "react";
import { forgetDevice } from "@/lib/session/leave";
import { expectSignOut, onSessionEnded } from "@/lib/sync/api-client";
import { onTabMessage, postToTabs } from "@/lib/sync/tab-channel";

const EXPIRED = "/signin?expired=1";

/**
 * A user's data does not outlive their session on this device: when another tab signs out,
 * or the session expires (any API call answers 401), every tab forgets and shows sign-in.
 */
export function useForgetOnLeave(userId: string) {
  useEffect(() => {
    const offMessage = onTabMessage((message) => {
      if (message.type === "signing-out") expectSignOut();
      if (message.type === "signed-out") void forgetDevice(message.expired ? EXPIRED : "/signin");
    });
    const offExpiry = onSessionEnded(() => {
      postToTabs({ type: "signed-out", expired: true });
      void forgetDevice(EXPIRED);
    });
    return () => {
      offMessage();
      offExpiry();
    };
  }, [userId]);
}

import { useEffect } from "react";
import { rememberResponse } from "./conditional-fetcher";
import { usePollRole } from "./polling";
import { electPollLeader, openTabChannel } from "./tab-channel";

/** Joins this tab to the user's other tabs: shared poll answers, live edits, one poll leader. */
export function useTabSync(userId: string) {
  useEffect(() => {
    const close = openTabChannel(userId, rememberResponse);
    const resign = electPollLeader(userId, () => usePollRole.setState({ leader: true }));
    return () => {
      resign();
      close();
      usePollRole.setState({ leader: false });
    };
  }, [userId]);
}

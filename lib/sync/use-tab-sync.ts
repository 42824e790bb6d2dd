import { useEffect } from "react";
import { rememberResponse } from "./conditional-fetcher";
import { usePollRole } from "./polling";
import { replayOutbox, type SyncTarget } from "./replay-outbox";
import { electPollLeader, openTabChannel } from "./tab-channel";

/**
 * Joins this tab to the user's other tabs: shared poll answers, live edits, one poll leader.
 * The leader also sends what earlier pages left in the outbox, now and on every reconnect.
 */
export function useTabSync(userId: string, targetFor: (key: string) => SyncTarget | null) {
  useEffect(() => {
    const close = openTabChannel(userId, rememberResponse);
    const replay = () => {
      if (usePollRole.getState().leader) void replayOutbox(userId, targetFor);
    };
    const resign = electPollLeader(userId, () => {
      usePollRole.setState({ leader: true });
      replay();
    });
    window.addEventListener("online", replay);
    return () => {
      window.removeEventListener("online", replay);
      resign();
      close();
      usePollRole.setState({ leader: false });
    };
  }, [userId, targetFor]);
}

import { useEffect } from "react";
import { rememberResponse } from "./conditional-fetcher";
import type { SyncedKind } from "./kind";
import { usePollRole } from "./polling";
import { startPulse } from "./pulse";
import { replayOutbox } from "./replay-outbox";
import { electPollLeader, openTabChannel } from "./tab-channel";

/**
 * Joins this tab to the user's other tabs (shared answers, live edits, one leader that sends
 * what earlier pages left in the outbox, now and on every reconnect) and starts its pulse.
 */
export function useTabSync(userId: string, kinds: readonly SyncedKind[]) {
  useEffect(() => {
    const close = openTabChannel(userId, rememberResponse);
    const replay = () => {
      if (usePollRole.getState().leader) void replayOutbox(userId, kinds);
    };
    const resign = electPollLeader(userId, () => {
      usePollRole.setState({ leader: true });
      replay();
    });
    window.addEventListener("online", replay);
    const stopPulse = startPulse();
    return () => {
      stopPulse();
      window.removeEventListener("online", replay);
      resign();
      close();
      usePollRole.setState({ leader: false });
    };
  }, [userId, kinds]);
}

"use client";

import Link from "next/link";
import { useLayoutEffect, useRef, useState } from "react";
import { useIsGuest } from "@/lib/browser/sync/context";
import { useSyncedDoc } from "@/lib/browser/sync/use-synced-doc";
import { positionKind } from "@/lib/shared/watch/kind";
import { formatTime, POSITION_WRITE_INTERVAL_MS, VIDEOS } from "@/lib/shared/watch/position";

const VIDEO_ID = "countdown";

/** The clip has no sound: muted, so browsers let it play without a gesture of its own. */
const CLIP = {
  src: VIDEOS[VIDEO_ID].src,
  controls: true,
  playsInline: true,
  muted: true,
  preload: "metadata",
  className: "player",
} as const;

/**
 * "Continue watching": the position is saved at most every 5 s while playing, and at once on
 * pause or when leaving; another device (or, for a guest, another tab) offers to resume there.
 */
export function WatchPage() {
  const guest = useIsGuest();
  const { sync, snapshot } = useSyncedDoc(positionKind, VIDEO_ID);
  const video = useRef<HTMLVideoElement>(null);
  const lastWrite = useRef(0);
  const [now, setNow] = useState(0);

  const record = (flush: boolean, element = video.current) => {
    if (!sync || !element) return;
    const at = Date.now();
    lastWrite.current = at;
    sync.edit({ seconds: Math.round(element.currentTime * 10) / 10, at });
    if (flush) void sync.flush({ keepalive: true });
  };

  // Leaving counts as a pause: another link of the app (unmount), closing or reloading the
  // tab (pagehide), or hiding it; the save goes out with keepalive, so it survives the unload.
  // A layout effect: its cleanup runs before the sync engine's own (a passive effect), which
  // sends what is pending and closes; the element is kept here, as the ref is cleared first.
  useLayoutEffect(() => {
    const element = video.current;
    const onHide = () => {
      if (element && !element.paused && element.currentTime > 0) record(true, element);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") onHide();
    };
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onVisibility);
      onHide();
    };
  }, [sync]);

  const saved = snapshot?.data;
  const fromElsewhere = saved && saved.at !== 0 && saved.at !== lastWrite.current;
  const offerResume = fromElsewhere && saved.seconds >= 1 && Math.abs(saved.seconds - now) > 2;

  return (
    <section className="page narrow">
      <h1>Continue watching</h1>
      {guest ? (
        <p className="hint">
          Pause here and this browser remembers where. <Link href="/signin">Sign in</Link> and it
          follows you to your other devices.
        </p>
      ) : (
        <p className="hint">
          Pause here, then open this page on another device to pick up where you left off.
        </p>
      )}
      <video
        ref={video}
        {...CLIP}
        onTimeUpdate={(event) => {
          setNow(event.currentTarget.currentTime);
          if (
            !event.currentTarget.paused &&
            Date.now() - lastWrite.current >= POSITION_WRITE_INTERVAL_MS
          )
            record(false);
        }}
        onPause={() => record(true)}
        onEnded={() => record(true)}
      />
      <p className="position" data-testid="position">
        {saved && saved.at !== 0
          ? `Saved position ${formatTime(saved.seconds)}`
          : "No saved position yet"}
      </p>
      {offerResume && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (video.current) video.current.currentTime = saved.seconds;
            setNow(saved.seconds);
          }}
        >
          Resume from {formatTime(saved.seconds)}
        </button>
      )}
    </section>
  );
}

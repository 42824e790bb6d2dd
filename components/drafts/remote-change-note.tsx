"use client";

import { useEffect, useState } from "react";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

function describe(at: number, now: number) {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 10) return "just now";
  if (seconds < 60) return relative.format(-seconds, "second");
  return relative.format(-Math.round(seconds / 60), "minute");
}

/** "Updated on another device just now", kept fresh while it is on screen. */
export function RemoteChangeNote({ at }: { at: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, [at]);
  if (at === null) return null;
  return <p className="remote-note">Updated on another device {describe(at, now)}</p>;
}

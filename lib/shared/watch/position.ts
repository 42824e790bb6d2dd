/** The clips /watch can play, shipped in public/media. */
export const VIDEOS = {
  countdown: { title: "Countdown", src: "/media/countdown.webm" },
} as const;

export type VideoId = keyof typeof VIDEOS;

export type Position = {
  seconds: number;
  /** When the device wrote it, so the latest write wins. */
  at: number;
};

export const EMPTY_POSITION: Position = { seconds: 0, at: 0 };

/** Writes from one device while playing: at most one per this many milliseconds. */
export const POSITION_WRITE_INTERVAL_MS = 5000;

export const formatTime = (seconds: number) => {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
};

/** Merge rule of a playback position: the latest write wins, whichever device made it. */
export const mergePosition = (_base: Position, mine: Position, theirs: Position) => ({
  data: mine.at >= theirs.at ? mine : theirs,
  conflicts: [] as [],
});

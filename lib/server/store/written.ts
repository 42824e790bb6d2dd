import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

const committed = new AsyncLocalStorage<number[]>();

/**
 * Runs one request's work and returns, with its result, the markers its commits made, so the
 * answer can tell the device which changes are its own (the Handoff-Marker header): the poke
 * that follows its own save then costs it nothing.
 */
export async function withCommits<T>(work: () => Promise<T>): Promise<[T, number[]]> {
  const markers: number[] = [];
  const result = await committed.run(markers, work);
  return [result, markers];
}

/** Called by the store adapters once a commit has bumped the marker to `marker`. */
export function noteCommitted(marker: number) {
  committed.getStore()?.push(marker);
}

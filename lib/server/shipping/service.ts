import "server-only";
import { readSingleton, type StoredSingleton } from "@/lib/server/persist/singleton";
import type { Shipping } from "@/lib/shared/shipping/schema";

/** The account's shipping details: kept with the settings, read at checkout; none at first. */
export const accountShipping: StoredSingleton<Shipping | null> = {
  stored: { kind: "settings", id: () => "shipping" },
  empty: null,
};

export const readShipping = async (userId: string) =>
  (await readSingleton(userId, accountShipping)).data;

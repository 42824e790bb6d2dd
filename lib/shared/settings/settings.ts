/** The user's preferences, kept in their account. */
export interface Settings {
  /** Keep the outbox and per-tab state in memory instead of Web Storage (see lib/device). */
  keepNothing: boolean;
}

export const DEFAULT_SETTINGS: Settings = { keepNothing: false };

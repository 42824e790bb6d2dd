/** A guest's data lives this long after its last change; sealed parts expire with it. */
export const GUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Drafts a guest keeps in this browser; the import at sign-in takes at most as many. */
export const MAX_GUEST_DRAFTS = 200;

const PREVIEW_CHARS = 140;

/** The start of a draft's body on one line, for lists (the Trash, History) that leave bodies behind. */
export const preview = (body: string) => body.replace(/\s+/g, " ").trim().slice(0, PREVIEW_CHARS);

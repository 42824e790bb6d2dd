import { z } from "zod";

import { MAX_BODY_BYTES, MAX_TITLE_CHARS } from "./limits";

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export const draftFieldsSchema = z.object({
  title: z.string().max(MAX_TITLE_CHARS, `must be at most ${MAX_TITLE_CHARS} characters`),
  body: z
    .string()
    .refine(
      (body) => utf8Bytes(body) <= MAX_BODY_BYTES,
      `must be at most ${MAX_BODY_BYTES / 1024} KB`,
    ),
});

export const draftIdSchema = z.uuid({ message: "Not a draft id" });

/**
 * The client picks the id (a random UUID), so a create that is retried after a lost answer
 * finds the draft it already made instead of making a second one.
 */
export const createDraftSchema = draftFieldsSchema
  .partial()
  .extend({ id: draftIdSchema.optional() })
  .strict();
export const updateDraftSchema = draftFieldsSchema.strict();

export type DraftFields = z.infer<typeof draftFieldsSchema>;

/** What the API sends for one draft. */
export interface Draft extends DraftFields {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What the list sends: no bodies, so a list of many long drafts stays small. */
export type DraftSummary = Omit<Draft, "body">;

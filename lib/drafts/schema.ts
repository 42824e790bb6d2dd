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

export const createDraftSchema = draftFieldsSchema.partial().strict();
export const updateDraftSchema = draftFieldsSchema.strict();

export type DraftFields = z.infer<typeof draftFieldsSchema>;

/** What the API sends and the UI shows. */
export interface Draft extends DraftFields {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const draftIdSchema = z.uuid({ message: "Not a draft id" });

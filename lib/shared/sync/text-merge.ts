import { diff3Merge } from "node-diff3";

/** Words and the whitespace between them, so a merge keeps spacing and line breaks intact. */
const tokens = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];

export interface TextMerge {
  text: string;
  /** True when both sides changed the same stretch of text in different ways. */
  conflict: boolean;
}

/**
 * Three-way merge of two edits of one text (node-diff3, word by word). Edits to different
 * stretches are both kept. Where both sides rewrote the same stretch, `mine` wins in the
 * result and `conflict` is set, so the caller can keep `theirs` elsewhere: nothing is dropped.
 */
export function mergeText(base: string, mine: string, theirs: string): TextMerge {
  if (mine === theirs) return { text: mine, conflict: false };
  if (mine === base) return { text: theirs, conflict: false };
  if (theirs === base) return { text: mine, conflict: false };
  let conflict = false;
  const merged: string[] = [];
  for (const block of diff3Merge(tokens(mine), tokens(base), tokens(theirs), {
    excludeFalseConflicts: true,
  })) {
    if (block.ok) merged.push(...block.ok);
    else if (block.conflict) {
      conflict = true;
      merged.push(...block.conflict.a);
    }
  }
  return { text: merged.join(""), conflict };
}

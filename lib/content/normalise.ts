// Owns text normalisation shared by content validation and the short-text grader.

/**
 * Lowercases, strips accents (é → e), turns punctuation into spaces, folds whitespace, and
 * drops a leading article ("the", "a", "an"), so "The  Plaza-Accord!" and "plaza accord" compare equal.
 */
export function normaliseText(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[&]/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^(the|a|an) /, "")
    .replace(/\s+/g, " ");
}

// Owns grading of short-text questions.
//
// Rule: all or nothing. The learner's text and every accepted answer go through `normaliseText`
// (lowercase, accents stripped, punctuation to spaces, whitespace folded, a leading "the"/"a"/"an"
// dropped). The answer is correct when, for some accepted answer, one of these holds, tried in order:
//   1. "exact": the two normalised texts are equal;
//   2. "variant": they are equal after two forgivable differences are removed —
//      - a trailing parenthetical abbreviation after the term: "Voluntary export restraint (VER)" is read as
//        "Voluntary export restraint" when the bracket holds one word with at least two capitals
//        ("VER", "FDI", "CPTPP", "VERs") or is itself an accepted answer. Only the term before the bracket
//        is graded, so a wrong term is never rescued by a right abbreviation;
//      - singular/plural: every word longer than three letters loses a plural ending on both sides
//        ("restraints" → "restraint", "impediments" → "impediment", "economies" → "economy", "VERs" → "ver");
//   3. "typo": a small spelling slip in a long answer, measured as the Levenshtein edit distance (the
//      `fastest-levenshtein` library) between the folded texts of step 2: at most 1 edit when the accepted
//      answer has 8–15 characters after folding, at most 2 when it has more. Never for an accepted answer
//      shorter than 8 characters ("Dodge", "LNG", "endaka": a one-letter change there is another word) and
//      never when it contains a digit (numbers and years must be exact). When both texts have the same number of
//      words, each word may differ by at most one edit and words of up to three letters not at all, so a
//      different word ("import" for "export", two edits) is never taken for a slip.
// Blank text (only whitespace) is "unanswered"; text that normalises to nothing (e.g. "?!") is an
// answer, and an incorrect one. Authors still list genuine alternatives (synonyms, other word orders).
import { distance } from "fastest-levenshtein";
import type { QuestionOf } from "../content/schema";
import { normaliseText } from "../content/normalise";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type ShortMatchRule = "exact" | "variant" | "typo";

export type ShortGradeDetail = {
  type: "short";
  /** The learner's text after normalising: what was actually compared. */
  normalised: string;
  /** The accepted answer (as authored) that matched, or null. */
  matched: string | null;
  /** Which step of the rule matched (absent when nothing matched). */
  rule?: ShortMatchRule;
};

const TRAILING_BRACKET = /^(.*\S)\s*\(([^()]*)\)\s*$/su;
const ABBREVIATION = /^(?=(?:.*\p{Lu}){2})[\p{L}\p{N}&.-]{2,12}$/u;

/** Folds plural endings word by word ("economies" → "economy", "restraints" → "restraint"). */
export function foldPlurals(normalised: string): string {
  return normalised
    .split(" ")
    .map((w) => {
      if (w.length <= 3 || /\d/.test(w)) return w;
      if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
      if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.slice(0, -1);
      return w;
    })
    .join(" ");
}

/** The maximum edit distance forgiven against an accepted answer (see the rule above). */
export function typoAllowance(acceptedFolded: string): number {
  if (/\d/.test(acceptedFolded)) return 0;
  const n = acceptedFolded.length;
  if (n < 8) return 0;
  return n <= 15 ? 1 : 2;
}

/** Word by word, each difference is one slip in a word longer than three letters (see the rule above). */
function wordsAreSlips(typed: string, target: string): boolean {
  const a = typed.split(" ");
  const b = target.split(" ");
  if (a.length !== b.length) return true;
  return a.every((w, i) => {
    const t = b[i];
    return t !== undefined && (w === t || (t.length > 3 && distance(w, t) <= 1));
  });
}

/** The learner's text without a trailing bracketed abbreviation, when it has one (else null). */
function withoutTrailingAbbreviation(text: string, acceptedNormalised: ReadonlySet<string>): string | null {
  const [, before, bracketed] = TRAILING_BRACKET.exec(text.trim()) ?? [];
  if (before === undefined || bracketed === undefined) return null;
  const inside = bracketed.trim();
  return ABBREVIATION.test(inside) || acceptedNormalised.has(normaliseText(inside)) ? before : null;
}

export function gradeShort(question: QuestionOf<"short">, response: ResponseOf<"short">): GradeResult<ShortGradeDetail> {
  const normalised = normaliseText(response.text);
  // An accepted answer that normalises to "" is a content error; never let it match an empty answer.
  const accepted = question.accepted.map((a) => ({ a, n: normaliseText(a) })).filter((x) => x.n.length > 0);
  const acceptedSet = new Set(accepted.map((x) => x.n));
  const stripped = withoutTrailingAbbreviation(response.text, acceptedSet);
  const candidates = [normalised, ...(stripped === null ? [] : [normaliseText(stripped)])].filter((c) => c.length > 0);

  let found: { a: string; rule: ShortMatchRule } | null = null;
  const exact = accepted.find((x) => x.n === normalised);
  if (exact) found = { a: exact.a, rule: "exact" };
  if (!found) {
    const folded = candidates.map(foldPlurals);
    const variant = accepted.find((x) => folded.includes(foldPlurals(x.n)));
    if (variant) found = { a: variant.a, rule: "variant" };
    else {
      const typo = accepted.find((x) => {
        const target = foldPlurals(x.n);
        const allowed = typoAllowance(target);
        return allowed > 0 && folded.some((c) => !/\d/.test(c) && distance(c, target) <= allowed && wordsAreSlips(c, target));
      });
      if (typo) found = { a: typo.a, rule: "typo" };
    }
  }
  const detail: ShortGradeDetail = { type: "short", normalised, matched: found?.a ?? null, ...(found ? { rule: found.rule } : {}) };
  return makeGradeResult(question, response.text.trim().length > 0, found ? 1 : 0, detail);
}

// Owns grading of numeric questions: reading the number (and unit) a learner typed, then the tolerance check.
//
// Rule: all or nothing (no partial credit, no unit penalty fraction).
//   - blank text → "unanswered";
//   - text that does not read as a number (see `parseNumericText`: thousands separators such as
//     "1,680,000" and the Unicode minus "−" are read) → "incorrect", outcome "unparseable";
//   - scale words: "thousand", "million"/"mn"/"m", "billion"/"bn"/"b", "trillion"/"tn"/"t" typed after the
//     number multiply it ("1.68 million" = 1,680,000; "3 million yen" = 3,000,000). The question's own unit may
//     carry a scale ("million cars"): then the bare number is read in that scale ("1.68") or, failing that, as
//     a full count ("1,680,000"); with a scale word the learner's number is converted ("1.68 million").
//   - unit words: what remains after the scale word is compared as a set of words with the question's `unit`
//     and each of its `acceptedUnits` (case-insensitive; plural "s" dropped; "$" = dollar, "¥"/"円" = yen,
//     "%" = percent; the filler words per, to, the, a, an, one, us, u, s ignored). So "360 yen per US dollar"
//     and "240 yen to the dollar" match "yen per dollar", "1.68 million passenger cars" matches an accepted
//     "passenger cars". A unit that matches none → "incorrect", outcome "wrong-unit", even when the number is
//     right: "240 dollars" is not "240 yen per dollar". The number alone (or with only a scale word) is
//     always accepted;
//   - a question with `acceptMagnitude: true` asks for the size of a change ("by what percentage did the
//     dollar fall?"): |value| is compared with |answer|, so "-45.8", "−45.8%" and "45.8" are all right;
//   - otherwise correct exactly when |value − answer| ≤ tolerance, compared with a tiny epsilon
//     (64 ulps of the largest magnitude involved) so that decimal inputs such as 0.4 against
//     0.3 ± 0.1 are not refused because of binary floating-point error. The epsilon is far below any
//     tolerance an author would write, so it never widens a real boundary.
import type { QuestionOf } from "../content/schema";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type NumericOutcome = "correct" | "out-of-tolerance" | "wrong-unit" | "unparseable" | "empty";

export type NumericGradeDetail = {
  type: "numeric";
  outcome: NumericOutcome;
  /** The number read from the text, or null when none could be read. */
  value: number | null;
  /** The unit text typed after the number (trimmed, as typed), or null when there was none. */
  unit: string | null;
  /** False only when a unit was typed and it is not one the question accepts. */
  unitAccepted: boolean;
  /** A leading currency sign the learner typed ("$", "¥", "€", "£"), or null. */
  currency: string | null;
};

export type ParsedNumericText = { ok: true; value: number; unit: string | null; currency: string | null } | { ok: false };

// Minus-like characters learners (and word processors) type for a negative sign.
const MINUS_SIGNS = /[\u2212\u2012\u2013\uFE63]/g;
const NUMBER_TEXT =
  /^(?<lead>[+-])?\s*(?<currency>[$¥€£])?\s*(?<sign>[+-])?\s*(?<int>\d{1,3}(?:,\d{3})+|\d*)(?<frac>\.\d*)?(?<exp>[eE][+-]?\d+)?(?<rest>.*)$/su;

/**
 * Reads a learner's numeric answer. Accepted, in order: an optional sign ("-", "+", or the Unicode
 * minus "−"), an optional currency sign ($ ¥ € £; the sign may come before or after it: "-$5",
 * "$-5"), digits with optional comma thousands separators in groups of three ("1,000", "12,345.6"),
 * an optional decimal point, an optional exponent ("1e3", "2.5E-2"), then optional unit text.
 * Full-width characters ("２４０", "￥") are folded first (NFKC).
 * Refused (unparseable): no digits, two signs, commas not in groups of three ("1,00": a decimal
 * comma would be misread, so it is refused rather than guessed), a space as thousands separator
 * ("1 000"), words before the number ("about 240", "USD 240"), and anything where the unit text
 * starts with a digit, comma, point or sign ("12.5.3", "1,000,00"). Non-finite values are refused.
 */
export function parseNumericText(text: string): ParsedNumericText {
  const folded = text.normalize("NFKC").replace(MINUS_SIGNS, "-").trim();
  const m = NUMBER_TEXT.exec(folded);
  if (!m?.groups) return { ok: false };
  const { lead, currency, sign, int = "", frac = "", exp = "", rest = "" } = m.groups;
  if (lead && sign) return { ok: false };
  if (!/\d/.test(int + frac)) return { ok: false };
  const unit = rest.trim();
  if (/^[0-9.,+-]/.test(unit)) return { ok: false };
  const value = Number(`${lead ?? sign ?? ""}${int.replace(/,/g, "")}${frac}${exp}`);
  if (!Number.isFinite(value)) return { ok: false };
  // `+ 0` turns −0 into 0, so "-0" stores and displays as 0.
  return { ok: true, value: value + 0, unit: unit.length > 0 ? unit : null, currency: currency ?? null };
}

const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  millions: 1e6,
  mn: 1e6,
  m: 1e6,
  mio: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  trillions: 1e12,
  tn: 1e12,
  t: 1e12,
};
const FILLER_WORDS = new Set(["per", "to", "the", "a", "an", "one", "us", "u", "s", "of"]);

/** A unit as a scale factor and a set of content words (see the rule at the top of this file). */
export function readUnit(unit: string): { scale: number; words: string } {
  const words = unit
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\$/g, " dollar ")
    .replace(/[¥円]/g, " yen ")
    .replace(/%/g, " percent ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let scale = 1;
  const rest = new Set<string>();
  for (const w of words) {
    if (scale === 1 && SCALE_WORDS[w] !== undefined) scale = SCALE_WORDS[w];
    else if (!FILLER_WORDS.has(w)) rest.add(w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w);
  }
  return { scale, words: [...rest].sort().join(" ") };
}

/** Whether |value − answer| ≤ tolerance, forgiving only floating-point rounding. */
export function isWithinTolerance(value: number, answer: number, tolerance: number): boolean {
  const scale = Math.max(1, Math.abs(answer), Math.abs(value), tolerance);
  return Math.abs(value - answer) <= tolerance + 64 * Number.EPSILON * scale;
}

export function gradeNumeric(question: QuestionOf<"numeric">, response: ResponseOf<"numeric">): GradeResult<NumericGradeDetail> {
  const blank: NumericGradeDetail = { type: "numeric", outcome: "empty", value: null, unit: null, unitAccepted: true, currency: null };
  if (response.text.trim().length === 0) return makeGradeResult(question, false, 0, blank);

  const parsed = parseNumericText(response.text);
  if (!parsed.ok) return makeGradeResult(question, true, 0, { ...blank, outcome: "unparseable" });

  const questionScale = readUnit(question.unit).scale;
  const accepted = new Set([question.unit, ...question.acceptedUnits].filter((u) => u.trim().length > 0).map((u) => readUnit(u).words));
  const typed = parsed.unit === null ? { scale: 1, words: "" } : readUnit(parsed.unit);
  const unitAccepted = typed.words === "" || accepted.has(typed.words);
  // The learner's number expressed in the question's scale; without a scale word it may be either.
  const candidates =
    parsed.unit !== null && typed.scale !== 1
      ? [(parsed.value * typed.scale) / questionScale]
      : questionScale === 1
        ? [parsed.value]
        : [parsed.value, parsed.value / questionScale];
  const size = (x: number) => (question.acceptMagnitude ? Math.abs(x) : x);
  const inTolerance = candidates.some((c) => isWithinTolerance(size(c), size(question.answer), question.tolerance));
  const outcome: NumericOutcome = !unitAccepted ? "wrong-unit" : inTolerance ? "correct" : "out-of-tolerance";
  const detail: NumericGradeDetail = {
    type: "numeric",
    outcome,
    value: parsed.value,
    unit: parsed.unit,
    unitAccepted,
    currency: parsed.currency,
  };
  return makeGradeResult(question, true, outcome === "correct" ? 1 : 0, detail);
}

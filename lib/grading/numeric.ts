// Owns grading of numeric questions: reading the number (and unit) a learner typed, then the tolerance check.
//
// Rule: all or nothing (no partial credit, no unit penalty fraction).
//   - blank text → "unanswered";
//   - text that does not read as a number (see `parseNumericText`) → "incorrect", outcome "unparseable";
//   - a unit after the number that is neither the question's `unit` nor one of its `acceptedUnits`
//     (compared trimmed, case-insensitively, inner whitespace folded) → "incorrect", outcome
//     "wrong-unit", even when the number is right: "240 dollars" is not "240 yen per dollar".
//     The number alone, without a unit, is always accepted;
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

export type ParsedNumericText =
  | { ok: true; value: number; unit: string | null; currency: string | null }
  | { ok: false };

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

function normaliseUnit(unit: string): string {
  return unit.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Whether |value − answer| ≤ tolerance, forgiving only floating-point rounding. */
export function isWithinTolerance(value: number, answer: number, tolerance: number): boolean {
  const scale = Math.max(1, Math.abs(answer), Math.abs(value), tolerance);
  return Math.abs(value - answer) <= tolerance + 64 * Number.EPSILON * scale;
}

export function gradeNumeric(
  question: QuestionOf<"numeric">,
  response: ResponseOf<"numeric">,
): GradeResult<NumericGradeDetail> {
  const blank: NumericGradeDetail = { type: "numeric", outcome: "empty", value: null, unit: null, unitAccepted: true, currency: null };
  if (response.text.trim().length === 0) return makeGradeResult(question, false, 0, blank);

  const parsed = parseNumericText(response.text);
  if (!parsed.ok) return makeGradeResult(question, true, 0, { ...blank, outcome: "unparseable" });

  const accepted = new Set([question.unit, ...question.acceptedUnits].map(normaliseUnit).filter((u) => u.length > 0));
  const unitAccepted = parsed.unit === null || accepted.has(normaliseUnit(parsed.unit));
  const outcome: NumericOutcome = !unitAccepted
    ? "wrong-unit"
    : isWithinTolerance(parsed.value, question.answer, question.tolerance)
      ? "correct"
      : "out-of-tolerance";
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

// Checks the numeric grader against its documented partial-credit rule and edge cases.
import { describe, expect, it } from "vitest";
import { gradeNumeric, isWithinTolerance, parseNumericText } from "@/lib/grading/numeric";
import type { QuestionOf } from "@/lib/content/schema";
import { numericFloat, numericNegative, numericRate, numericThousand, numericYear } from "./fixtures";

const grade = (q: QuestionOf<"numeric">, text: string) => gradeNumeric(q, { type: "numeric", text });

describe("parseNumericText", () => {
  it.each([
    ["240", 240],
    ["  240  ", 240],
    ["+240", 240],
    ["240.5", 240.5],
    [".5", 0.5],
    ["1985.", 1985],
    ["1,000", 1000],
    ["12,345.6", 12345.6],
    ["1,234,567", 1234567],
    ["-3.5", -3.5],
    ["−3.5", -3.5], // U+2212 minus sign
    ["–3.5", -3.5], // en dash, as word processors type it
    ["1e3", 1000],
    ["2.4E2", 240],
    ["5e-1", 0.5],
    ["２４０", 240], // full-width digits
  ])("reads %j as %d", (text, value) => {
    const r = parseNumericText(text);
    expect(r).toMatchObject({ ok: true, value, unit: null, currency: null });
  });

  it.each([
    ["$240", "$", 240],
    ["¥ 1,000", "¥", 1000],
    ["￥240", "¥", 240], // full-width yen sign folds to ¥
    ["€3", "€", 3],
    ["£3", "£", 3],
    ["-$5", "$", -5],
    ["$-5", "$", -5],
    ["−¥5", "¥", -5],
  ])("reads a currency sign in %j", (text, currency, value) => {
    expect(parseNumericText(text)).toMatchObject({ ok: true, value, currency });
  });

  it.each([
    ["240 yen", "yen"],
    ["240yen", "yen"],
    ["240   yen per dollar  ", "yen per dollar"],
    ["5%", "%"],
    ["1e3 yen", "yen"],
    ["5eur", "eur"], // "e" followed by letters is a unit, not an exponent
  ])("splits off the unit in %j", (text, unit) => {
    expect(parseNumericText(text)).toMatchObject({ ok: true, unit });
  });

  it.each([
    "",
    "yen",
    "two hundred forty",
    "about 240",
    "USD 240",
    "$",
    ".",
    "-",
    "e5",
    "1,00", // looks like a decimal comma: refused rather than read as 100 or 1
    "1,0000",
    "1000,000",
    "1 000", // space as a thousands separator is refused
    "12.5.3",
    "1,000,00",
    "--3",
    "-$-3",
    "+-3",
    "1e999", // not finite
    "3 4",
  ])("refuses %j", (text) => {
    expect(parseNumericText(text)).toEqual({ ok: false });
  });

  it("turns -0 into 0", () => {
    const r = parseNumericText("-0");
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });
});

describe("isWithinTolerance", () => {
  it("accepts both decimal boundaries despite binary rounding", () => {
    expect(0.4 - 0.3).toBeGreaterThan(0.1); // the trap the epsilon exists for
    expect(isWithinTolerance(0.4, 0.3, 0.1)).toBe(true);
    expect(isWithinTolerance(0.2, 0.3, 0.1)).toBe(true);
  });

  it("does not widen a real boundary", () => {
    expect(isWithinTolerance(0.4000001, 0.3, 0.1)).toBe(false);
    expect(isWithinTolerance(1985.000001, 1985, 0)).toBe(false);
    expect(isWithinTolerance(1e12 + 1, 1e12, 0)).toBe(false);
    expect(isWithinTolerance(1e12 + 1, 1e12, 1)).toBe(true);
  });
});

describe("gradeNumeric (all or nothing; tolerance; units)", () => {
  it("accepts the answer and anything within the tolerance, boundaries included", () => {
    for (const text of ["240", "235", "245", "237.5"]) {
      expect(grade(numericRate, text), text).toMatchObject({ fraction: 1, points: 1, status: "correct" });
    }
  });

  it("refuses values just outside the tolerance", () => {
    for (const text of ["245.01", "234.99", "250", "0"]) {
      const r = grade(numericRate, text);
      expect(r.status, text).toBe("incorrect");
      expect(r.detail.outcome).toBe("out-of-tolerance");
    }
  });

  it("handles inexact decimal boundaries (0.3 ± 0.1)", () => {
    expect(grade(numericFloat, "0.4").status).toBe("correct");
    expect(grade(numericFloat, "0.2").status).toBe("correct");
    expect(grade(numericFloat, "0.4000001").status).toBe("incorrect");
    expect(grade(numericFloat, "0.1999999").status).toBe("incorrect");
  });

  it("requires the exact value when the tolerance is 0", () => {
    expect(grade(numericYear, "1985").status).toBe("correct");
    expect(grade(numericYear, "1985.0").status).toBe("correct");
    expect(grade(numericYear, "1,985").status).toBe("correct");
    expect(grade(numericYear, "1986").status).toBe("incorrect");
    expect(grade(numericYear, "1985.0001").status).toBe("incorrect");
  });

  it("accepts the display unit and every accepted unit, case-insensitively", () => {
    for (const text of ["240 yen per dollar", "240 Yen Per  Dollar", "240 yen", "240YEN", "240 jpy", "240 yen/$", "240円", " 240  JPY "]) {
      expect(grade(numericRate, text).status, text).toBe("correct");
    }
  });

  it("refuses a unit the question does not accept, even with the right number", () => {
    const r = grade(numericRate, "240 dollars");
    expect(r).toMatchObject({ fraction: 0, points: 0, status: "incorrect" });
    expect(r.detail).toEqual({ type: "numeric", outcome: "wrong-unit", value: 240, unit: "dollars", unitAccepted: false, currency: null });
  });

  it("refuses any unit on a plain-number question", () => {
    expect(grade(numericYear, "1985 AD").detail).toMatchObject({ outcome: "wrong-unit", unitAccepted: false });
  });

  it("reports the parsed number and unit for review", () => {
    expect(grade(numericRate, "¥238 yen").detail).toEqual({
      type: "numeric",
      outcome: "correct",
      value: 238,
      unit: "yen",
      unitAccepted: true,
      currency: "¥",
    });
  });

  it("records but does not grade a leading currency sign", () => {
    expect(grade(numericRate, "$240").status).toBe("correct");
    expect(grade(numericRate, "￥２４０").status).toBe("correct");
  });

  it("reads negatives typed with any minus sign", () => {
    for (const text of ["-3.5", "−3.5", "–3.5", "-3.5 billion", "−3.5 bn", "-3.5 billion USD", "$-3.5", "-$3.5 bn"]) {
      expect(grade(numericNegative, text).status, text).toBe("correct");
    }
    expect(grade(numericNegative, "3.5").status).toBe("incorrect");
  });

  it("reads thousands separators and exponents", () => {
    expect(grade(numericThousand, "1,000").status).toBe("correct");
    expect(grade(numericThousand, "1e3").status).toBe("correct");
    expect(grade(numericThousand, "1000.00").status).toBe("correct");
    expect(grade(numericThousand, "1,00").detail.outcome).toBe("unparseable");
  });

  it("marks unparseable text incorrect with outcome 'unparseable'", () => {
    for (const text of ["two hundred forty", "about 240", "240-250", "?"]) {
      const r = grade(numericRate, text);
      expect(r.status, text).toBe("incorrect");
      expect(r.detail).toMatchObject({ outcome: "unparseable", value: null });
    }
  });

  it("treats blank text as unanswered", () => {
    for (const text of ["", "   "]) {
      expect(grade(numericRate, text)).toMatchObject({ fraction: 0, status: "unanswered", detail: { outcome: "empty" } });
    }
  });
});

// Answers a student would plausibly type to the course's own short and numeric questions (issue 15) are accepted,
// and the rule still refuses real mistakes.
import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/loader";
import type { QuestionOf } from "@/lib/content/schema";
import { gradeNumeric } from "@/lib/grading/numeric";
import { foldPlurals, gradeShort, typoAllowance } from "@/lib/grading/short";

const questions = new Map(loadCourse().banks.flatMap((b) => b.questions.map((q) => [q.key, q] as const)));
function question<T extends "short" | "numeric">(key: string, type: T): QuestionOf<T> {
  const q = questions.get(key);
  if (!q || q.type !== type) throw new Error(`no ${type} question ${key}`);
  return q as QuestionOf<T>;
}
const short = (key: string, text: string) => gradeShort(question(key, "short"), { type: "short", text });
const numeric = (key: string, text: string) => gradeNumeric(question(key, "numeric"), { type: "numeric", text });

describe("short answers students type", () => {
  it.each([
    ["tf-ver-term", "voluntary export restraint (VER)"],
    ["tf-ver-term", "VERs"],
    ["tf-ver-term", "voluntary export restraint agreement"],
    ["tf-ver-term", "Voluntary export restraints"],
    ["tf-sii-name", "Structural Impediments Initiative (SII)"],
    ["tf-sii-name", "Structural Impediment Initiative"],
    ["tf-sii-name", "Structural Impedements Initiative"],
    ["pw-fdi-term", "foreign direct investment (FDI)"],
    ["pw-fdi-term", "direct foreign investment"],
    ["pw-fdi-term", "Foreign Direct Investments"],
    ["fs-lng-short", "liquefied natural gas (LNG)"],
    ["fs-lng-short", "liquified natural gas"],
    ["tp-short-name", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)"],
    ["tp-short-name", "Comprehensive and Progresive Agreement for Trans Pacific Partnership"],
    ["pa-short-city", "New York City, USA"],
    ["pa-short-city", "NY"],
  ])("%s accepts %j", (key, text) => {
    expect(short(key, text).status).toBe("correct");
  });

  it.each([
    ["tf-ver-term", "voluntary import restraint"], // a different term, two edits away in a long answer but wrong words
    ["tf-ver-term", "VAT"],
    ["fs-lng-short", "LPG"], // short answers get no typo allowance
    ["pa-short-city", "Paris"],
    ["tp-short-name", "CPTPP"], // the question asks for the letters written out
    ["pw-fdi-term", "portfolio investment (FDI)"], // a right abbreviation does not rescue a wrong term
  ])("%s refuses %j", (key, text) => {
    expect(short(key, text).status).toBe("incorrect");
  });

  it("allows no typo under 8 characters, one up to 15, two above, none with digits", () => {
    expect([
      typoAllowance("endaka"),
      typoAllowance("plaza accord"),
      typoAllowance("structural impediment initiative"),
      typoAllowance("g5 meeting 1985"),
    ]).toEqual([0, 1, 2, 0]);
  });

  it("folds plurals word by word", () => {
    expect(foldPlurals("voluntary export restraints vers economies gas")).toBe("voluntary export restraint ver economy gas");
  });
});

describe("numeric answers students type", () => {
  it.each([
    ["tf-ver-cap", "1.68"],
    ["tf-ver-cap", "1,680,000"],
    ["tf-ver-cap", "1.68 million passenger cars"],
    ["tf-ver-cap", "1.68 million"],
    ["rn-yen-price", "3 million yen"],
    ["rn-yen-price", "3,000,000"],
    ["rn-yen-price", "¥3,000,000"],
    ["pw-rate-360", "360 yen per US dollar"],
    ["pw-rate-360", "360 yen to the dollar"],
    ["pa-num-rate-before", "240 yen to the dollar"],
    ["pa-num-rate-before", "240 yen per US dollar"],
    ["rn-dollar-fall-pct", "45.8"],
    ["rn-dollar-fall-pct", "-45.8"],
    ["rn-dollar-fall-pct", "−45.8%"],
  ])("%s accepts %j", (key, text) => {
    expect(numeric(key, text).status).toBe("correct");
  });

  it.each([
    ["tf-ver-cap", "1.68 billion"],
    ["tf-ver-cap", "168"],
    ["rn-yen-price", "3 billion yen"],
    ["pw-rate-360", "360 dollars"],
    ["pa-num-rate-before", "130 yen per dollar"],
    ["rn-dollar-fall-pct", "-84.6"],
    ["rn-deficit-calc", "50"], // the sign matters where the prompt asks for a balance, not a size of fall
  ])("%s refuses %j", (key, text) => {
    expect(numeric(key, text).status).toBe("incorrect");
  });
});

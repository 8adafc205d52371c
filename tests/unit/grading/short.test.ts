// Checks the short grader against its documented partial-credit rule and edge cases.
import { describe, expect, it } from "vitest";
import { gradeShort } from "@/lib/grading/short";
import { short } from "./fixtures";

const grade = (text: string) => gradeShort(short, { type: "short", text });

describe("gradeShort (normalised exact match against any accepted answer)", () => {
  it.each([
    ["Plaza Accord", "Plaza Accord"],
    ["plaza accord", "Plaza Accord"],
    ["  PLAZA   ACCORD  ", "Plaza Accord"],
    ["The Plaza Accord!", "Plaza Accord"],
    ["plaza-accord.", "Plaza Accord"],
    ["Plaza Agreement", "Plaza Agreement"],
    ["tokyo round", "Tōkyō Round"],
    ["Tôkyo-Round", "Tōkyō Round"],
  ])("accepts %j (matches %j)", (text, matched) => {
    const r = grade(text);
    expect(r.status).toBe("correct");
    expect(r.fraction).toBe(1);
    expect(r.detail.matched).toBe(matched);
  });

  it.each([
    ["Plaza Accords", "variant"], // plural
    ["Plaza Acord", "typo"], // one edit in a 12-character answer
    ["plazaaccord", "typo"], // one deleted space
    ["Plaza Accord (PA)", "variant"], // trailing bracketed abbreviation
  ])("accepts the plausible %j by rule %j", (text, rule) => {
    expect(grade(text).detail).toMatchObject({ matched: "Plaza Accord", rule });
  });

  it.each(["Louvre Accord", "Plaza", "Accord Plaza", "Plasa Acord x", "Louvre Accord (PLAZA ACCORD)"])(
    "refuses the near miss %j",
    (text) => {
      const r = grade(text);
      expect(r).toMatchObject({ fraction: 0, points: 0, status: "incorrect" });
      expect(r.detail.matched).toBeNull();
    },
  );

  it("reports the normalised text that was compared", () => {
    expect(grade("The  Plaza-ACCORD!").detail.normalised).toBe("plaza accord");
  });

  it.each(["", "   ", "\n\t"])("treats blank text %j as unanswered", (text) => {
    expect(grade(text)).toMatchObject({ fraction: 0, status: "unanswered" });
  });

  it("treats punctuation-only text as an (incorrect) answer, never matching", () => {
    const r = grade("?!");
    expect(r.status).toBe("incorrect");
    expect(r.detail.normalised).toBe("");
  });
});

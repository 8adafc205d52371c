// normaliseText: the one comparison rule shared by short-text grading and the content checks.
import { describe, expect, it } from "vitest";
import { normaliseText } from "@/lib/content/normalise";

describe("normaliseText", () => {
  it.each([
    ["The  Plaza-Accord!", "plaza accord"],
    ["plaza accord", "plaza accord"],
    ["  PLAZA\tACCORD \n", "plaza accord"],
    ["Tōkyō Round", "tokyo round"],
    ["Café crème", "cafe creme"],
    ["ＰＬＡＺＡ", "plaza"],
    ["AT&T", "at and t"],
    ["U.S.–Japan", "u s japan"],
    ["1,000 yen", "1 000 yen"],
    ["an apple", "apple"],
    ["A Plaza", "plaza"],
    ["theory", "theory"],
    ["Another accord", "another accord"],
    ["the", "the"],
    ["…", ""],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it("drops only one leading article", () => {
    expect(normaliseText("The the end")).toBe("the end");
  });

  it("is idempotent", () => {
    for (const s of ["The  Plaza-Accord!", "Tōkyō Round", "AT&T", "an apple"]) {
      const once = normaliseText(s);
      expect(normaliseText(once)).toBe(normaliseText(once));
    }
  });
});

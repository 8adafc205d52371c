// The score table's words: short topic headers, scores with their unit, and the CSV's file name.
import { describe, expect, it } from "vitest";
import { SCORE_STATUS_LABELS, SHORT_TOPIC_MAX, formatPercentWithUnit, scoresCsvFileName, shortTopicTitle } from "@/lib/stats/score-format";

describe("shortTopicTitle", () => {
  it("keeps the part before the colon", () => {
    expect(shortTopicTitle("The Plaza Accord (1985): Moving the Dollar, Remaking the Yen")).toBe("The Plaza Accord (1985)");
    expect(shortTopicTitle("Friend-Shoring: Japan's $1 Trillion Pledge (2025)")).toBe("Friend-Shoring");
    expect(shortTopicTitle("Short")).toBe("Short");
  });
  it("cuts a long head at a word, never beyond the limit", () => {
    const s = shortTopicTitle("An extraordinarily long topic title without any colon at all");
    expect(s.length).toBeLessThanOrEqual(SHORT_TOPIC_MAX);
    expect(s).toMatch(/^An extraordinarily long…$/);
  });
});

describe("formatPercentWithUnit", () => {
  it("puts the unit on every score and a dash on none", () => {
    expect(formatPercentWithUnit(87.54)).toBe("87.5%");
    expect(formatPercentWithUnit(0)).toBe("0.0%");
    expect(formatPercentWithUnit(null)).toBe("—");
    expect(formatPercentWithUnit(undefined)).toBe("—");
  });
});

describe("scoresCsvFileName", () => {
  it("names the file after the class and the day in the viewer's zone", () => {
    const at = new Date("2026-12-01T23:30:00Z");
    expect(scoresCsvFileName("Period 3 Econ", at, "Asia/Tokyo")).toBe("Period 3 Econ scores 2026-12-02.csv");
    expect(scoresCsvFileName("Period 3 Econ", at, null)).toBe("Period 3 Econ scores 2026-12-01.csv");
  });
  it("replaces characters file systems refuse", () => {
    expect(scoresCsvFileName('a/b:c*"d"\u0000', new Date("2026-01-02T00:00:00Z"), "UTC")).toBe("a-b-c-d- scores 2026-01-02.csv");
    expect(scoresCsvFileName("  ", new Date("2026-01-02T00:00:00Z"), "UTC")).toBe("class scores 2026-01-02.csv");
  });
});

describe("statuses", () => {
  it("has a label for every status, 'partial' included", () => {
    expect(SCORE_STATUS_LABELS.partial).toBe("Some submitted");
  });
});

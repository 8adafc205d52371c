// Hand-written GIFT and Moodle XML files (after Moodle's documentation) parse to exactly the expected questions, and
// every question Koza cannot take is skipped with its reason.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBankFile } from "@/lib/bank-formats";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../fixtures/bank-formats", name), "utf8");
const defaults = { difficulty: "medium", paragraphs: [], outsideSources: [], points: 1 };
const opts = (...texts: [string, boolean, string?][]) =>
  texts.map(([text, correct, feedback], i) => ({ id: "abcdefgh"[i], text, correct, ...(feedback ? { feedback } : {}) }));

describe("GIFT golden file", () => {
  const parsed = parseBankFile("gift", fixture("moodle-features.gift.txt"));
  const byKey = new Map(parsed.questions.map((q) => [q.question.key, q]));

  it("reads every supported question to the expected Koza question", () => {
    expect(parsed.questions.map((q) => q.question)).toEqual([
      {
        ...defaults,
        key: "plaza-year",
        type: "single",
        prompt: "In which year was the Plaza Accord signed?",
        explanation: "The G5 met at the Plaza Hotel in New York.",
        options: opts(["1985", true, "Right: September 1985."], ["1971", false, "That is the Nixon shock."], ["1995", false, "Too late."]),
      },
      {
        ...defaults,
        key: "missing-word",
        type: "single",
        prompt: "The Plaza Accord pushed the _____ up against the dollar.",
        options: opts(["yen", true], ["euro", false], ["peso", false]),
      },
      {
        ...defaults,
        key: "weights",
        type: "multiple",
        prompt: "Which of these were G5 members in 1985?",
        options: opts(["Japan", true], ["West Germany", true], ["China", false], ["Brazil", false]),
      },
      { ...defaults, key: "true-or-false", type: "truefalse", prompt: "The Plaza Accord was signed in **Tokyo**.", answer: false },
      {
        ...defaults,
        key: "trade-friction-grew-in-the-1980s",
        type: "truefalse",
        prompt: "Trade friction grew in the 1980s.",
        answer: true,
      },
      {
        ...defaults,
        key: "short",
        type: "short",
        prompt: "Which currency is written ¥?",
        explanation: "The ¥ sign is the yen.",
        accepted: ["yen", "JPY", "Japanese yen"],
      },
      {
        ...defaults,
        key: "escapes",
        type: "single",
        prompt: "Escaped {braces}, a ~tilde, an = equals, a # hash, a : colon and a backslash \\ stay text.",
        options: opts(["right = answer", true, "feedback with # hash"], ["wrong {answer}", false]),
      },
      {
        ...defaults,
        key: "numeric-tolerance",
        type: "numeric",
        prompt: "How many yen per dollar in early 1985, to within 10?",
        answer: 250,
        tolerance: 10,
        unit: "",
        acceptedUnits: [],
        acceptMagnitude: false,
      },
      {
        ...defaults,
        key: "numeric-range",
        type: "numeric",
        prompt: "In which year did the yen first trade below 100 per dollar? Any year from 1994 to 1996.",
        answer: 1995,
        tolerance: 1,
        unit: "",
        acceptedUnits: [],
        acceptMagnitude: false,
      },
      {
        ...defaults,
        key: "matching",
        type: "matching",
        prompt: "Match each agreement with its year.",
        pairs: [
          { id: "a", left: "Plaza Accord", right: "1985" },
          { id: "b", left: "Louvre Accord", right: "1987" },
          { id: "c", left: "Smithsonian Agreement", right: "1971" },
        ],
        distractors: ["1999"],
      },
      {
        ...defaults,
        key: "html-prompt",
        type: "single",
        prompt: "Which body agreed the Plaza Accord?",
        options: opts(["G5", true, "Right"], ["G7", false]),
      },
      {
        ...defaults,
        key: "plain-prompt",
        type: "single",
        prompt: "Choose the *one* right answer.",
        options: opts(["one", true], ["two", false]),
      },
      {
        ...defaults,
        key: "timeline",
        type: "ordering",
        prompt: "Put these events in order, earliest first.",
        items: ["Nixon shock", "Plaza Accord", "Louvre Accord", "Yen below 100"].map((text, i) => ({ id: "abcd"[i], text })),
      },
      {
        ...defaults,
        key: "ordering-partial",
        type: "ordering",
        prompt: "Order the three smallest numbers.",
        items: ["one", "two", "three", "four"].map((text, i) => ({ id: "abcd"[i], text })),
      },
    ]);
  });

  it("keeps names, ids, tags, categories and lines, and reports what it changed", () => {
    expect(byKey.get("plaza-year")).toMatchObject({
      name: "Plaza year",
      idnumber: "plaza-year",
      tags: ["dates", "exam 1"],
      category: "$course$/top/Plaza Accord",
      line: 6,
      warnings: [],
    });
    expect(byKey.get("true-or-false")!.warnings.join()).toMatch(/feedback dropped/);
    expect(byKey.get("ordering-partial")!.warnings.join(" ")).toMatch(/RANDOM.*ABSOLUTE_POSITION/);
  });

  it("skips what Koza cannot grade, each with its reason", () => {
    expect(parsed.skipped.map((s) => [s.name, s.type, s.line])).toEqual([
      ["Essay", "essay", 67],
      ["Description", "description", 69],
      ["Bad weight", "multichoice", 71],
      ["No key", "shortanswer", 77],
      ["Unbalanced", "unknown", 81],
    ]);
    expect(parsed.skipped[2]!.reason).toMatch(/invalid weight 33\.3%/);
    expect(parsed.skipped[3]!.reason).toMatch(/missing key/);
    expect(parsed.skipped[4]!.reason).toMatch(/unbalanced braces/);
  });
});

describe("Moodle XML golden file", () => {
  const parsed = parseBankFile("moodle-xml", fixture("moodle-features.xml"));
  const q = (key: string) => parsed.questions.find((x) => x.question.key === key)!;

  it("reads every supported type with its fields", () => {
    expect(parsed.questions.map((x) => x.question.key)).toEqual([
      "plaza-year",
      "members",
      "venue",
      "yen-in-early-1985",
      "currency-sign",
      "agreements",
      "timeline",
      "with-image",
    ]);
    expect(q("plaza-year").question).toEqual({
      ...defaults,
      key: "plaza-year",
      type: "single",
      points: 2,
      prompt: "In which year was the Plaza Accord signed?",
      explanation: "The G5 met at the Plaza Hotel & agreed.",
      options: opts(["1985", true, "Right: September 1985."], ["1971", false, "That is the Nixon shock."], ["1995", false]),
    });
    expect(q("plaza-year")).toMatchObject({ tags: ["dates", "exam 1"], idnumber: "plaza-year", category: "$course$/top/Plaza Accord" });
    expect(q("members").question).toMatchObject({
      type: "multiple",
      options: opts(["Japan", true], ["West Germany", true], ["France", true], ["China", false]),
    });
    expect(q("members").warnings).toEqual([]);
    expect(q("venue").question).toMatchObject({
      type: "truefalse",
      answer: false,
      prompt: "The Plaza Accord was signed in Tokyo <Japan>.",
    });
    expect(q("yen-in-early-1985").question).toMatchObject({
      type: "numeric",
      answer: 250,
      tolerance: 10,
      unit: "yen per dollar",
      acceptedUnits: ["yen"],
      acceptMagnitude: false,
    });
    expect(q("yen-in-early-1985").warnings.join(" ")).toMatch(/partial-credit answer 250 dropped.*multiplier/);
    expect(q("currency-sign").question).toMatchObject({
      type: "short",
      accepted: ["yen", "JPY"],
      prompt: "Which currency is written ¥? A tricky ]]> marker stays.",
    });
    expect(q("agreements").question).toMatchObject({
      type: "matching",
      points: 3,
      pairs: [
        { id: "a", left: "Plaza Accord", right: "1985" },
        { id: "b", left: "Louvre Accord", right: "1987" },
        { id: "c", left: "Smithsonian Agreement", right: "1971" },
      ],
      distractors: ["1999"],
    });
    expect(q("agreements").category).toBe("$course$/top/Trade friction");
    expect(q("timeline").question).toMatchObject({
      type: "ordering",
      items: [{ text: "Nixon shock" }, { text: "Plaza Accord" }, { text: "Louvre Accord" }, { text: "Yen below 100" }],
    });
    // The embedded PNG is carried with the question; its reference waits for the import to store it.
    const withImage = q("with-image");
    expect(withImage.images).toHaveLength(1);
    expect(withImage.images[0]).toMatchObject({ mime: "image/png", name: "chart.png" });
    expect(withImage.question.prompt).toBe(`What does this chart show?\n![chart](koza-image:${withImage.images[0]!.sha256})`);
    expect(withImage.warnings).toEqual([]);
  });

  it("skips essay, description, an invalid fraction and unsupported types with reasons", () => {
    expect(parsed.skipped.map((s) => [s.name, s.type])).toEqual([
      ["Discuss", "essay"],
      ["Intro", "description"],
      ["Bad weight", "multichoice"],
      ["Calculated", "calculated"],
    ]);
    expect(parsed.skipped[2]!.reason).toMatch(/invalid weight 33\.3%/);
  });
});

// Property: any valid Koza question (random text with every GIFT special character, unicode, "]]>", control
// characters; random weights, points and metadata) survives export → parse in GIFT and in Moodle XML, equal on every
// field the format holds. Control characters are dropped on export (XML cannot carry them), so they compare stripped.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuestionSchema, type Question } from "@/lib/content/schema";
import { exportBank, parseBankFile } from "@/lib/bank-formats";
import { stripControlChars } from "@/lib/bank-formats/common";
import { comparable } from "./comparable";

const pieces = fc.constantFrom(
  "\\",
  "~",
  "=",
  "#",
  "{",
  "}",
  ":",
  "[",
  "]",
  "%",
  "-",
  ">",
  "_",
  "/",
  "*",
  "]]>",
  "\n",
  "\t",
  "\r\n",
  "\u0001",
  "\u0008",
  "\u007f",
  "\u0085",
  "é",
  "日本",
  "😀",
  "&amp;",
  "<b>",
  '"',
  "'",
  " ",
  "yen",
  "1985",
  "%50%",
  "####",
  "::",
  "$CATEGORY:",
  "\\n",
);
const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
/** A text that still has a letter or digit after its control characters go, and that no format reads as syntax. */
const text = (max: number) =>
  fc
    .tuple(word, fc.array(fc.oneof(pieces, word), { maxLength: 8 }), fc.option(word, { nil: undefined }))
    .map(([a, middle, b]) => [a, ...middle, b ?? ""].join(""))
    .map((t) => (t.length > max ? t.slice(0, max) : t))
    .filter((t) => {
      const clean = stripControlChars(t).trim();
      return /[A-Za-z0-9]/.test(clean) && !clean.includes("->") && !clean.startsWith("//") && clean.split("_____").length <= 2;
    });
const slug = fc.stringMatching(/^[a-z][a-z0-9]{1,10}(-[a-z0-9]{1,6}){0,2}$/);
const number = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));

const base = fc.record({
  difficulty: fc.constantFrom("easy", "medium", "hard"),
  bloom: fc.option(fc.constantFrom("remember", "understand", "apply", "analyse", "evaluate"), { nil: undefined }),
  section: fc.option(slug, { nil: undefined }),
  paragraphs: fc.subarray(["P1", "P2", "P3", "P4", "P5", "P6", "P7"]),
  outsideSources: fc.array(slug, { maxLength: 2 }),
  prompt: text(200),
  explanation: fc.option(text(200), { nil: undefined }),
  points: fc.constantFrom(0.5, 1, 2, 2.5, 10),
});
const option = fc.record({ text: text(60), feedback: fc.option(text(60), { nil: undefined }) });

const body = fc.oneof(
  fc
    .array(option, { minLength: 2, maxLength: 6 })
    .chain((opts) =>
      fc
        .nat(opts.length - 1)
        .map((right) => ({ type: "single", options: opts.map((o, i) => ({ id: "abcdefgh"[i], ...o, correct: i === right })) })),
    ),
  fc.array(option, { minLength: 3, maxLength: 8 }).chain((opts) =>
    fc
      .array(fc.boolean(), { minLength: opts.length, maxLength: opts.length })
      .filter((c) => c.some(Boolean) && !c.every(Boolean))
      .map((correct) => ({ type: "multiple", options: opts.map((o, i) => ({ id: "abcdefgh"[i], ...o, correct: correct[i] })) })),
  ),
  fc.boolean().map((answer) => ({ type: "truefalse", answer })),
  fc
    .record({
      answer: number,
      tolerance: fc.double({ min: 0, max: 1000, noNaN: true }),
      unit: fc.constantFrom("", "yen", "yen per dollar", "billion USD"),
      acceptMagnitude: fc.boolean(),
      extra: fc.constantFrom([], ["yen"], ["dollars", "USD"]),
    })
    .map(({ extra, ...n }) => ({
      type: "numeric",
      ...n,
      acceptMagnitude: n.acceptMagnitude && n.answer !== 0,
      acceptedUnits: n.unit === "" ? [] : extra,
    })),
  fc.array(text(60), { minLength: 1, maxLength: 4 }).map((accepted) => ({ type: "short", accepted })),
  fc
    .array(text(60), { minLength: 3, maxLength: 8 })
    .map((items) => ({ type: "ordering", items: items.map((t, i) => ({ id: "abcdefgh"[i], text: t })) })),
  fc
    .record({
      pairs: fc.array(fc.tuple(text(60), text(60)), { minLength: 3, maxLength: 8 }),
      distractors: fc.array(text(60), { maxLength: 4 }),
    })
    .map(({ pairs, distractors }) => ({
      type: "matching",
      pairs: pairs.map(([left, right], i) => ({ id: "abcdefgh"[i], left, right })),
      distractors,
    })),
);

const question = fc
  .tuple(base, body)
  .map(([b, q]) => QuestionSchema.safeParse({ ...b, ...q, key: "placeholder" }))
  .filter((r) => r.success)
  .map((r) => r.data as Question);

/** What a question looks like once control characters are gone from its texts (they cannot travel in XML). */
function stripped(q: Question): Question {
  const walk = (v: unknown): unknown =>
    typeof v === "string"
      ? stripControlChars(v).trim()
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(q) as Question;
}

describe.each(["gift", "moodle-xml"] as const)("property round trip through %s", (format) => {
  it("export → parse gives back every generated question", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(slug, question), { minLength: 1, maxLength: 6, selector: ([k]) => k }), (pairs) => {
        const items = pairs.map(([key, q]) => ({ question: { ...q, key }, topicTitle: "Topic A" }));
        const exported = exportBank(format, "Generated", items);
        const parsed = parseBankFile(format, exported.body as string);
        expect(parsed.skipped).toEqual([]);
        expect(parsed.questions.map((p) => p.question)).toEqual(items.map((i) => comparable(stripped(i.question), format)));
        expect(parsed.questions.every((p) => p.warnings.length === 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

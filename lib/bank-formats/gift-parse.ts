// Owns reading GIFT, following Moodle's question/format/gift (and qtype_ordering's GIFT syntax) for what a file means.
//
// Moodle's behaviour kept here: questions are separated by blank lines; lines starting with // are comments, which may
// carry [id:…] and [tag:…]; $CATEGORY: switches the category; ::name:: names a question; \ escapes ~ = # { } : and
// itself, \n is a newline; text may start with [moodle|html|plain|markdown]; the answer block is the first {…}; text
// after it makes a missing-word question (the blank is "_____"); #### starts the general feedback; the type is decided
// in Moodle's order (ordering "{>", description, essay, numerical "#", multichoice "~", matching "=…->", true/false,
// short answer); weights %n% must be one of Moodle's allowed grades or the question is skipped.
import {
  assertQuestionCount,
  finish,
  htmlToText,
  KeyAllocator,
  mapChoices,
  matchMoodleFraction,
  orderingWarnings,
  type ParsedChoice,
  MOODLE_FRACTIONS,
  partId,
  skip,
  type Draft,
} from "./common";
import type { ImportedQuestion, ParseResult, SkippedQuestion } from "./types";

// ---- escapes: each escaped character becomes SENTINEL + a code letter, so structural searches never see it ----
const S = "\ue000";
const ESCAPE_CODES: Record<string, string> = { "\\": "b", ":": "c", "#": "h", "=": "e", "{": "o", "}": "x", "~": "t", n: "n" };
const DECODE: Record<string, string> = { b: "\\", c: ":", h: "#", e: "=", o: "{", x: "}", t: "~", n: "\n", "0": S };

function encodeEscapes(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === S) out += S + "0";
    else if (ch === "\\" && i + 1 < text.length && ESCAPE_CODES[text[i + 1]!] !== undefined) {
      out += S + ESCAPE_CODES[text[i + 1]!];
      i++;
    } else out += ch;
  }
  return out;
}

function decodeEscapes(text: string): string {
  return text.replace(/\ue000(.)/gs, (_, code: string) => DECODE[code] ?? "");
}

type TextFormat = "moodle" | "html" | "plain" | "markdown";
const FORMATS = new Set<TextFormat>(["moodle", "html", "plain", "markdown"]);

/** Strips a leading [format] (only a known one, as Moodle does), decodes escapes, and reads HTML as text. */
function readText(encoded: string, defaultFormat: TextFormat): { text: string; format: TextFormat } {
  let text = encoded.trim();
  let format = defaultFormat;
  const m = /^\[([a-z]+)\]/.exec(text);
  if (m && FORMATS.has(m[1] as TextFormat)) {
    format = m[1] as TextFormat;
    text = text.slice(m[0].length);
  }
  const decoded = decodeEscapes(text);
  return { text: (format === "html" ? htmlToText(decoded) : decoded).trim(), format };
}

const WEIGHT = /^%(-*[0-9]+(?:\.[0-9]*)?)%/;
const ALLOWED = MOODLE_FRACTIONS.filter((f) => f > 0)
  .map((f) => `${Math.round(f * 1e7) / 1e5}%`)
  .join(", ");

class InvalidWeight extends Error {}

/** A leading %n% weight, checked against Moodle's allowed grades; null when the answer has none. */
function takeWeight(answer: string): { weight: number | null; rest: string } {
  const m = WEIGHT.exec(answer);
  if (!m) return { weight: null, rest: answer };
  const raw = m[1]!.replace(/^-+/, "-");
  const weight = matchMoodleFraction(Number(raw) / 100);
  if (weight === null) throw new InvalidWeight(`invalid weight ${raw}% (Moodle accepts only ${ALLOWED} and their negatives, or 0)`);
  return { weight, rest: answer.slice(m[0].length) };
}

/** Splits "text#feedback" at the first unescaped # (Moodle's commentparser). */
function splitFeedback(answer: string, format: TextFormat): { text: string; feedback: string | undefined } {
  const at = answer.indexOf("#");
  const text = readText(at < 0 ? answer : answer.slice(0, at), format).text;
  const feedback = at < 0 ? "" : readText(answer.slice(at + 1), format).text;
  return { text, feedback: feedback === "" ? undefined : feedback };
}

/** Moodle's way of listing answers: split on the marker, drop a leading empty piece. */
function splitAnswers(answerText: string, marker: string): string[] {
  const parts = answerText.split(marker);
  if (parts.length > 0 && parts[0]!.trim() === "") parts.shift();
  return parts.map((p) => p.trim());
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

type Block = { line: number; lines: string[]; comments: string[] };

function splitBlocks(text: string): Block[] {
  const lines = text
    .replace(/^\ufeff/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === "") {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [], comments: [] };
      blocks.push(current);
    }
    if (line.trim().startsWith("//")) current.comments.push(line.trim());
    else current.lines.push(line);
  });
  return blocks.filter((b) => b.lines.length > 0);
}

function idAndTags(comments: string[]): { idnumber: string | null; tags: string[] } {
  const all = comments.join("\n");
  const id = /\[id:((?:\\\]|[^\]\p{Cc}])+)\]/u.exec(all);
  const tags = [...all.matchAll(/\[tag:((?:\\\]|[^\]<>`\p{Cc}])+)\]/gu)].map((m) => m[1]!.replace(/\\\]/g, "]").trim()).filter(Boolean);
  const idnumber = id ? id[1]!.replace(/\\\]/g, "]").trim() : null;
  return { idnumber: idnumber || null, tags };
}

const SELECT = "ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG";
const LAYOUT = "HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0";
const GRADING =
  "ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST|RELATIVE_NEXT_INCLUDE_LAST|RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT|RELATIVE_TO_CORRECT|RELATIVE|REL|LONGEST_ORDERED_SUBSET|LONGEST_CONTIGUOUS_SUBSET";
const SHOW = "SHOW|TRUE|YES|1|HIDE|FALSE|NO|0";
// Each keyword must be followed by whitespace, so an item that starts with "H" or "ALL" is never eaten as a keyword.
const ORDERING = new RegExp(
  `^>\\s*(\\d+)\\s*(?:(${SELECT})(?=\\s))?\\s*(?:(${LAYOUT})(?=\\s))?\\s*(?:(${GRADING})(?=\\s))?\\s*(?:(${SHOW})(?=\\s))?\\s*([\\s\\S]*)$`,
);

export function parseGift(source: string): ParseResult {
  const blocks = splitBlocks(source);
  const questionBlocks = blocks.filter((b) => !b.lines[0]!.trim().startsWith("$CATEGORY:") || b.lines.length > 1);
  assertQuestionCount(questionBlocks.length);

  const keys = new KeyAllocator();
  const questions: ImportedQuestion[] = [];
  const skipped: SkippedQuestion[] = [];
  let category: string | null = null;
  let index = 0;

  for (const block of blocks) {
    let lines = block.lines;
    let line = block.line;
    const first = lines[0]!.trim();
    if (first.startsWith("$CATEGORY:")) {
      category = first.slice("$CATEGORY:".length).trim() || null;
      lines = lines.slice(1);
      line += 1 + block.comments.length;
      if (lines.length === 0) continue;
    }
    const result = readQuestion(lines.join("\n"), block.comments, { index: index++, line, category }, keys);
    if ("question" in result) questions.push(result);
    else skipped.push(result);
  }
  return { format: "gift", questions, skipped };
}

function readQuestion(
  raw: string,
  comments: string[],
  at: { index: number; line: number; category: string | null },
  keys: KeyAllocator,
): ImportedQuestion | SkippedQuestion {
  const { idnumber, tags } = idAndTags(comments);
  let text = encodeEscapes(raw.trim());
  let name: string | null = null;
  if (text.startsWith("::")) {
    const end = text.indexOf("::", 2);
    if (end >= 0) {
      name = decodeEscapes(text.slice(2, end)).trim() || null;
      text = text.slice(end + 2).trim();
    }
  }
  const base = { index: at.index, line: at.line, name, sourceType: "unknown" };
  const open = text.indexOf("{");
  const close = open < 0 ? text.indexOf("}") : text.indexOf("}", open);
  if (open < 0 && close < 0)
    return skip({ ...base, sourceType: "description" }, "a description (no answers) is not a question Koza can grade");
  if (open < 0 || close < 0) return skip(base, "unbalanced braces: the answer block needs both { and }");

  let answerText = text.slice(open + 1, close).trim();
  const promptRaw =
    text.endsWith("}") && close === text.length - 1 ? text.slice(0, open) : text.slice(0, open) + "_____" + text.slice(close + 1);
  const gf = answerText.lastIndexOf("####");
  let generalFeedback = "";
  if (gf >= 0) {
    generalFeedback = answerText.slice(gf + 4);
    answerText = answerText.slice(0, gf).trim();
  }
  const prompt = readText(promptRaw, "moodle");
  const explanation = readText(generalFeedback, prompt.format).text;
  if (name === null) name = prompt.text.slice(0, 60).trim() || null;
  const draft = (sourceType: string, body: Body, warnings: string[] = []): Draft => ({
    index: at.index,
    line: at.line,
    name,
    idnumber,
    category: at.category,
    tags,
    sourceType,
    // Images: GIFT cannot carry files; `finish` drops any image to its description with a warning (images.ts).
    warnings,
    body: { ...body, prompt: prompt.text, ...(explanation ? { explanation } : {}) } as Draft["body"],
  });
  const b = { ...base, name };

  try {
    if (answerText.startsWith(">")) {
      const m = ORDERING.exec(answerText);
      if (!m)
        return skip({ ...b, sourceType: "ordering" }, "ordering answer block not understood (expected {>N ALL … items one per line})");
      const [, , select, , grading, , itemsText] = m;
      const items = itemsText!
        .split("\n")
        .map((l) => readText(l, prompt.format).text)
        .filter((l) => l !== "");
      const warnings = orderingWarnings(select, grading);
      return finish(draft("ordering", { type: "ordering", items: items.map((t, i) => ({ id: partId(i), text: t })) }, warnings), keys);
    }
    if (answerText === "") return skip({ ...b, sourceType: "essay" }, "an essay question needs a human marker; Koza grades automatically");
    if (answerText.startsWith("#")) return numerical(answerText.slice(1), prompt.format, draft, b, keys);
    if (answerText.includes("~")) return multichoice(answerText, prompt.format, draft, b, keys);
    if (answerText.includes("=") && answerText.includes("->")) return matching(answerText, prompt.format, draft, b, keys);
    const hash = answerText.indexOf("#");
    const tfCheck = hash > 0 ? answerText.slice(0, hash).trim() : answerText;
    if (["T", "TRUE", "F", "FALSE"].includes(tfCheck)) {
      const parts = answerText.split("#");
      const warnings = parts.slice(1, 3).some((p) => readText(p, prompt.format).text !== "")
        ? ["true/false answer feedback dropped (Koza shows the general feedback as the explanation)"]
        : [];
      return finish(draft("truefalse", { type: "truefalse", answer: tfCheck.startsWith("T") }, warnings), keys);
    }
    return shortAnswer(answerText, prompt.format, draft, b, keys);
  } catch (error) {
    if (error instanceof InvalidWeight) return skip({ ...b, sourceType: giftType(answerText) }, error.message);
    throw error;
  }
}

/** The Moodle type a GIFT answer block names, for skipped rows (the same order of tests as readQuestion). */
function giftType(answerText: string): string {
  if (answerText.startsWith(">")) return "ordering";
  if (answerText.startsWith("#")) return "numerical";
  if (answerText.includes("~")) return "multichoice";
  if (answerText.includes("=") && answerText.includes("->")) return "match";
  return "shortanswer";
}

type Body = Omit<Draft["body"], "prompt">;
type Make = (sourceType: string, body: Body, warnings?: string[]) => Draft;
type Base = { index: number; line: number; name: string | null; sourceType: string };

function multichoice(answerText: string, format: TextFormat, draft: Make, b: Base, keys: KeyAllocator) {
  const single = answerText.includes("=");
  const answers = splitAnswers(answerText.replaceAll("=", "~="), "~");
  const base = { ...b, sourceType: "multichoice" };
  const parsed: ParsedChoice[] = answers.map((a) => {
    if (a.startsWith("=")) return { weight: 1, ...splitFeedback(a.slice(1), format) };
    const { weight, rest } = takeWeight(a);
    return { weight: weight ?? 0, ...splitFeedback(rest, format) };
  });
  const mapped = mapChoices(single, parsed);
  if (!mapped.ok) return skip(base, mapped.reason);
  return finish(draft("multichoice", mapped.body as Body, mapped.warnings), keys);
}

function matching(answerText: string, format: TextFormat, draft: Make, b: Base, keys: KeyAllocator) {
  const answers = splitAnswers(answerText, "=");
  const base = { ...b, sourceType: "match" };
  if (answers.length < 2) return skip(base, "a matching question needs at least two pairs");
  const pairs: { id: string; left: string; right: string }[] = [];
  const distractors: string[] = [];
  for (const a of answers) {
    const at = a.indexOf("->");
    if (at < 0) return skip(base, "every matching answer needs the form =left -> right");
    const left = readText(a.slice(0, at), format).text;
    const right = decodeEscapes(a.slice(at + 2)).trim();
    if (left === "") distractors.push(right);
    else pairs.push({ id: partId(pairs.length), left, right });
  }
  return finish(draft("match", { type: "matching", pairs, distractors }), keys);
}

function shortAnswer(answerText: string, format: TextFormat, draft: Make, b: Base, keys: KeyAllocator) {
  const answers = splitAnswers(answerText, "=");
  const base = { ...b, sourceType: "shortanswer" };
  if (answers.length < 1) return skip(base, "a short-answer question needs at least one answer");
  const warnings: string[] = [];
  const accepted: string[] = [];
  for (const a of answers) {
    const { weight, rest } = takeWeight(a);
    const { text, feedback } = splitFeedback(rest, format);
    if (weight === null || weight === 1) accepted.push(text);
    else if (weight > 0)
      warnings.push(
        `partial-credit answer "${text}" (${Math.round(weight * 1e7) / 1e5}%) dropped: Koza grades short answers all or nothing`,
      );
    if (feedback) warnings.push(`feedback for answer "${text}" dropped (Koza has no per-answer feedback for short answers)`);
  }
  if (accepted.length === 0) return skip(base, "missing key: no answer is worth 100%");
  return finish(draft("shortanswer", { type: "short", accepted }, warnings), keys);
}

function numerical(answerText: string, format: TextFormat, draft: Make, b: Base, keys: KeyAllocator) {
  const base = { ...b, sourceType: "numerical" };
  const tilde = answerText.indexOf("~");
  const warnings: string[] = [];
  if (tilde >= 0) {
    warnings.push("feedback for wrong answers dropped");
    answerText = answerText.slice(0, tilde);
  }
  const answers = splitAnswers(answerText, "=");
  if (answers.length === 0) return skip(base, "a numerical question needs an answer");
  const full: { answer: number; tolerance: number }[] = [];
  for (const a of answers) {
    const { weight, rest } = takeWeight(a);
    const { text, feedback } = splitFeedback(rest, format);
    if (feedback) warnings.push(`feedback for answer ${text} dropped`);
    let answer: string;
    let tolerance: string;
    const range = text.indexOf("..");
    const colon = text.indexOf(":");
    let value: { answer: number; tolerance: number };
    if (range > 0) {
      const min = text.slice(0, range).trim();
      const max = text.slice(range + 2).trim();
      if (!NUMBER.test(min) || !NUMBER.test(max)) return skip(base, `"${text}" is not a number range`);
      value = { answer: (Number(min) + Number(max)) / 2, tolerance: Math.abs(Number(max) - Number(min)) / 2 };
    } else {
      answer = (colon > 0 ? text.slice(0, colon) : text).trim();
      tolerance = colon > 0 ? text.slice(colon + 1).trim() : "0";
      if (!NUMBER.test(answer) || !NUMBER.test(tolerance)) return skip(base, `"${text}" is not a number (with an optional :tolerance)`);
      value = { answer: Number(answer), tolerance: Math.abs(Number(tolerance)) };
    }
    if (weight === null || weight === 1) full.push(value);
    else if (weight > 0) warnings.push(`partial-credit answer ${text} dropped: Koza grades numbers all or nothing`);
  }
  if (full.length === 0) return skip(base, "missing key: no answer is worth 100%");
  if (full.length > 1) warnings.push("only the first 100% answer kept (Koza's numeric question has one answer with a tolerance)");
  return finish(draft("numerical", { type: "numeric", ...full[0]!, unit: "", acceptedUnits: [] }, warnings), keys);
}

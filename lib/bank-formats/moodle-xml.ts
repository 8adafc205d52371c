// Owns Moodle XML (question/format/xml): reading a <quiz> into Koza questions and writing one Moodle imports.
//
// Safety: a document with a DOCTYPE or an ENTITY declaration is refused before parsing (no external entities, no
// billion laughs); fast-xml-parser runs with parseTagValue, parseAttributeValue and processEntities off, and only XML's
// five predefined entities and numeric references are decoded, by us, outside CDATA.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Question } from "@/lib/content/schema";
import {
  assertQuestionCount,
  decodeXmlEntities,
  finish,
  formatFraction,
  htmlToText,
  idsAreCanonical,
  KeyAllocator,
  mapChoices,
  matchMoodleFraction,
  metaTags,
  orderingWarnings,
  partId,
  skip,
  stripControlChars,
  type Draft,
  type ParsedChoice,
} from "./common";
import { exportFileName, pointImagesAt } from "./images";
import {
  BankFileError,
  type ExportImage,
  type ExportItem,
  type ExportReportRow,
  type ImportedQuestion,
  type ParseResult,
  type SkippedQuestion,
} from "./types";

type Node = Record<string, unknown>;
const ARRAYS = new Set(["question", "answer", "subquestion", "tag", "file", "unit"]);
const CDATA = "__cdata";
const TEXT = "#text";

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: false,
    cdataPropName: CDATA,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => ARRAYS.has(name),
  });
}

// ---- reading ----

function child(node: unknown, name: string): Node | undefined {
  if (!node || typeof node !== "object") return undefined;
  const v = (node as Node)[name];
  if (Array.isArray(v)) return v[0] as Node | undefined;
  if (v && typeof v === "object") return v as Node;
  if (typeof v === "string") return { [TEXT]: v };
  return v === "" ? { [TEXT]: "" } : undefined;
}

function children(node: unknown, name: string): Node[] {
  if (!node || typeof node !== "object") return [];
  const v = (node as Node)[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "string" ? { [TEXT]: x } : (x as Node)));
}

/** An element's own text: entity-decoded character data plus CDATA sections taken as they are. */
function ownText(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return decodeXmlEntities(node);
  const n = node as Node;
  const text = n[TEXT];
  const cdata = n[CDATA];
  const plain =
    typeof text === "string" ? decodeXmlEntities(text) : Array.isArray(text) ? text.map((t) => decodeXmlEntities(String(t))).join("") : "";
  const sections = cdata === undefined ? "" : Array.isArray(cdata) ? cdata.map(String).join("") : String(cdata);
  return plain.trim() === "" ? sections : plain + sections;
}

function attr(node: Node | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === "string" ? decodeXmlEntities(v) : undefined;
}

/** The <text> of a formatted element, read as Koza text: HTML becomes plain text, Markdown and plain stay. */
function formatted(node: Node | undefined, defaultFormat = "html"): string {
  if (!node) return "";
  const format = attr(node, "format") ?? defaultFormat;
  const raw = ownText(child(node, "text"));
  return (format === "html" ? htmlToText(raw) : raw).trim();
}

function plain(node: unknown, name: string): string {
  return ownText(child(node, name)).trim();
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseMoodleXml(source: string): ParseResult {
  const text = source.replace(/^\ufeff/, "");
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new BankFileError("The file declares a DOCTYPE or entities, which Moodle XML never needs; it is refused for safety.");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new BankFileError(`The file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  let doc: Node;
  try {
    doc = parser().parse(text) as Node;
  } catch (error) {
    throw new BankFileError(`The file could not be read as XML (${error instanceof Error ? error.message : "unknown error"}).`);
  }
  const quiz = child(doc, "quiz");
  if (!quiz) throw new BankFileError("This is not a Moodle XML question file: its root element must be <quiz>.");
  const all = children(quiz, "question");
  assertQuestionCount(all.filter((q) => attr(q, "type") !== "category").length);

  const keys = new KeyAllocator();
  const questions: ImportedQuestion[] = [];
  const skipped: SkippedQuestion[] = [];
  let category: string | null = null;
  let index = 0;
  for (const q of all) {
    const type = attr(q, "type") ?? "";
    if (type === "category") {
      category = plain(child(q, "category"), "text") || null;
      continue;
    }
    const result = readQuestion(q, type, { index: index++, category }, keys);
    if ("question" in result) questions.push(result);
    else skipped.push(result);
  }
  return { format: "moodle-xml", questions, skipped };
}

type Body = Omit<Draft["body"], "prompt">;

function readQuestion(
  q: Node,
  type: string,
  at: { index: number; category: string | null },
  keys: KeyAllocator,
): ImportedQuestion | SkippedQuestion {
  const questionText = child(q, "questiontext");
  const textFormat = attr(questionText, "format") ?? "html";
  const prompt = formatted(questionText);
  const name = plain(child(q, "name"), "text") || prompt.slice(0, 60) || null;
  const base = { index: at.index, line: null, name, sourceType: type || "unknown" };
  const explanation = formatted(child(q, "generalfeedback"), textFormat);
  const idnumber = plain(q, "idnumber") || null;
  const tags = children(child(q, "tags"), "tag")
    .map((t) => plain(t, "text"))
    .filter(Boolean);
  const grade = plain(q, "defaultgrade");
  const warnings: string[] = [];
  // Moodle keeps a text's files beside it (question text, general feedback, each answer and its feedback); Koza reads
  // them per question, by name, and stores the ones the text shows (lib/bank-formats/images.ts).
  const answerNodes = children(q, "answer");
  const files = [
    questionText,
    child(q, "generalfeedback"),
    ...answerNodes,
    ...answerNodes.map((a) => child(a, "feedback")),
    ...children(q, "subquestion"),
  ]
    .flatMap((n) => children(n, "file"))
    .map((f) => ({ name: attr(f, "name") ?? "", base64: ownText(f) }))
    .filter((f) => f.name !== "");

  const draft = (body: Body, more: string[] = []): Draft => ({
    index: at.index,
    line: null,
    name,
    idnumber,
    category: at.category,
    tags,
    sourceType: type,
    warnings: [...warnings, ...more],
    body: { ...body, prompt, ...(explanation ? { explanation } : {}) } as Draft["body"],
    files,
    ...(grade !== "" && NUMBER.test(grade) ? { points: Number(grade) } : {}),
  });
  const answers = children(q, "answer");
  const fractionOf = (a: Node): number | null => {
    const raw = attr(a, "fraction") ?? "0";
    if (!NUMBER.test(raw.trim())) return null;
    return matchMoodleFraction(Number(raw) / 100);
  };
  const badWeight = answers.map((a) => attr(a, "fraction") ?? "0").find((f, i) => fractionOf(answers[i]!) === null);
  if (badWeight !== undefined && ["multichoice", "shortanswer", "numerical", "truefalse"].includes(type))
    return skip(base, `invalid weight ${badWeight}% (not one of Moodle's allowed grades)`);

  switch (type) {
    case "multichoice": {
      const single = ["true", "1"].includes(plain(q, "single").toLowerCase());
      const parsed: ParsedChoice[] = answers.map((a) => {
        const fb = formatted(child(a, "feedback"), textFormat);
        return { weight: fractionOf(a)!, text: formatted(a, textFormat), feedback: fb || undefined };
      });
      const mapped = mapChoices(single, parsed);
      if (!mapped.ok) return skip(base, mapped.reason);
      return finish(draft(mapped.body as Body, mapped.warnings), keys);
    }
    case "truefalse": {
      const right = answers.find((a) => fractionOf(a) === 1);
      if (!right) return skip(base, "missing key: neither true nor false is worth 100%");
      const more = answers.some((a) => formatted(child(a, "feedback"), textFormat) !== "")
        ? ["true/false answer feedback dropped (Koza shows the general feedback as the explanation)"]
        : [];
      return finish(draft({ type: "truefalse", answer: formatted(right, "moodle_auto_format").toLowerCase() === "true" }, more), keys);
    }
    case "shortanswer": {
      const more: string[] = [];
      const accepted: string[] = [];
      for (const a of answers) {
        const f = fractionOf(a)!;
        const t = formatted(a, "moodle_auto_format");
        if (f === 1) accepted.push(t);
        else if (f > 0) more.push(`partial-credit answer "${t}" dropped: Koza grades short answers all or nothing`);
        if (formatted(child(a, "feedback"), textFormat))
          more.push(`feedback for answer "${t}" dropped (Koza has no per-answer feedback for short answers)`);
      }
      if (plain(q, "usecase") === "1") more.push("Moodle's case-sensitive matching dropped: Koza ignores case, accents and punctuation");
      if (accepted.length === 0) return skip(base, "missing key: no answer is worth 100%");
      return finish(draft({ type: "short", accepted }, more), keys);
    }
    case "numerical": {
      const more: string[] = [];
      const full: { answer: number; tolerance: number }[] = [];
      for (const a of answers) {
        const t = formatted(a, "moodle_auto_format");
        const f = fractionOf(a)!;
        if (t === "*") {
          if (f > 0) more.push("a catch-all (*) answer with credit dropped");
          continue;
        }
        const tol = plain(a, "tolerance") || "0";
        if (!NUMBER.test(t) || !NUMBER.test(tol)) return skip(base, `"${t}" (tolerance "${tol}") is not a number`);
        if (f === 1) full.push({ answer: Number(t), tolerance: Math.abs(Number(tol)) });
        else if (f > 0) more.push(`partial-credit answer ${t} dropped: Koza grades numbers all or nothing`);
      }
      if (full.length === 0) return skip(base, "missing key: no answer is worth 100%");
      // Two 100% answers x and −x with one tolerance are how a Koza "size of the change" question is written.
      const magnitude =
        full.length === 2 && full[0]!.answer === -full[1]!.answer && full[0]!.answer !== 0 && full[0]!.tolerance === full[1]!.tolerance;
      if (full.length > 1 && !magnitude)
        more.push("only the first 100% answer kept (Koza's numeric question has one answer with a tolerance)");
      const units = children(child(q, "units"), "unit").map((u) => ({
        name: plain(u, "unit_name"),
        multiplier: Number(plain(u, "multiplier") || "1"),
      }));
      const base1 = units.filter((u) => u.multiplier === 1 && u.name !== "");
      if (units.some((u) => u.multiplier !== 1)) more.push("units with a multiplier other than 1 dropped (Koza converts only scale words)");
      return finish(
        draft(
          {
            type: "numeric",
            ...full[0]!,
            unit: base1[0]?.name ?? "",
            acceptedUnits: base1.slice(1).map((u) => u.name),
            acceptMagnitude: magnitude,
          },
          more,
        ),
        keys,
      );
    }
    case "matching": {
      const pairs: { id: string; left: string; right: string }[] = [];
      const distractors: string[] = [];
      for (const s of children(q, "subquestion")) {
        const left = formatted(s, textFormat);
        const right = plain(child(s, "answer"), "text");
        if (left === "") distractors.push(right);
        else pairs.push({ id: partId(pairs.length), left, right });
      }
      return finish(draft({ type: "matching", pairs, distractors }), keys);
    }
    case "ordering": {
      const items = answers.map((a, i) => ({ id: partId(i), text: formatted(a, textFormat) }));
      return finish(
        draft({ type: "ordering", items }, orderingWarnings(plain(q, "selecttype") || undefined, plain(q, "gradingtype") || undefined)),
        keys,
      );
    }
    case "essay":
      return skip(base, "an essay question needs a human marker; Koza grades automatically");
    case "description":
      return skip(base, "a description (no answers) is not a question Koza can grade");
    default:
      return skip(
        base,
        `question type "${type}" is not supported (Koza has single, multiple, true/false, numeric, short answer, ordering and matching)`,
      );
  }
}

// ---- writing ----

export function cdata(text: string): string {
  return `<![CDATA[${stripControlChars(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

function escapeAttr(text: string): string {
  return stripControlChars(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The images of the question being written (id → bytes); each text carries the files it shows, as Moodle does. */
type Images = ReadonlyMap<string, ExportImage>;
const NO_IMAGES: Images = new Map();

/** `<text>` plus a `<file>` for every image it shows, its URL rewritten to `@@PLUGINFILE@@/<file>`. */
function textWithFiles(text: string, images: Images, indent: string): string {
  const { text: pointed, used } = pointImagesAt(text, images, (file) => `@@PLUGINFILE@@/${file}`);
  return (
    `${indent}<text>${cdata(pointed)}</text>\n` +
    used
      .map(
        (i) => `${indent}<file name="${exportFileName(i)}" path="/" encoding="base64">${Buffer.from(i.bytes).toString("base64")}</file>\n`,
      )
      .join("")
  );
}

function textEl(tag: string, text: string, format = "markdown", indent = "    ", images: Images = NO_IMAGES): string {
  return `${indent}<${tag} format="${format}">\n${textWithFiles(text, images, `${indent}  `)}${indent}</${tag}>\n`;
}

function fixed7(n: number): string {
  return n.toFixed(7);
}

function answerEl(
  fraction: number,
  text: string,
  feedback: string | undefined,
  extra = "",
  format = "markdown",
  images: Images = NO_IMAGES,
): string {
  return (
    `    <answer fraction="${formatFraction(fraction)}" format="${format}">\n${textWithFiles(text, images, "      ")}${extra}` +
    `      <feedback format="markdown">\n${feedback ? textWithFiles(feedback, images, "        ") : "        <text></text>\n"}      </feedback>\n    </answer>\n`
  );
}

const MOODLE_TYPE: Record<Question["type"], string> = {
  single: "multichoice",
  multiple: "multichoice",
  truefalse: "truefalse",
  numeric: "numerical",
  short: "shortanswer",
  ordering: "ordering",
  matching: "matching",
};

function body(q: Question, images: Images): string {
  switch (q.type) {
    case "single":
    case "multiple": {
      const c = q.options.filter((o) => o.correct).length;
      const w = q.options.length - c;
      const weight = (correct: boolean) => (q.type === "single" ? (correct ? 1 : 0) : correct ? 1 / c : w > 0 ? -1 / w : 0);
      return (
        `    <single>${q.type === "single"}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n` +
        q.options.map((o) => answerEl(weight(o.correct), o.text, o.feedback, "", "markdown", images)).join("")
      );
    }
    case "truefalse":
      return (
        answerEl(q.answer ? 1 : 0, "true", undefined, "", "moodle_auto_format") +
        answerEl(q.answer ? 0 : 1, "false", undefined, "", "moodle_auto_format")
      );
    case "numeric": {
      const tol = `      <tolerance>${q.tolerance}</tolerance>\n`;
      const answers = [q.answer, ...(q.acceptMagnitude && q.answer !== 0 ? [-q.answer] : [])];
      const units = [q.unit, ...q.acceptedUnits].filter((u) => u !== "");
      return (
        answers.map((a) => answerEl(1, String(a), undefined, tol, "moodle_auto_format")).join("") +
        (units.length > 0
          ? `    <units>\n${units.map((u) => `      <unit>\n        <multiplier>1</multiplier>\n        <unit_name>${cdata(u)}</unit_name>\n      </unit>\n`).join("")}    </units>\n`
          : "") +
        `    <unitgradingtype>0</unitgradingtype>\n    <unitpenalty>0.1000000</unitpenalty>\n    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n`
      );
    }
    case "short":
      return `    <usecase>0</usecase>\n` + q.accepted.map((a) => answerEl(1, a, undefined, "", "moodle_auto_format")).join("");
    case "ordering":
      return (
        `    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <selectcount>${q.items.length}</selectcount>\n` +
        `    <gradingtype>RELATIVE_ALL_PREVIOUS_AND_NEXT</gradingtype>\n    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n` +
        q.items
          .map(
            (item, i) => `    <answer fraction="${i + 1}" format="markdown">\n${textWithFiles(item.text, images, "      ")}    </answer>\n`,
          )
          .join("")
      );
    case "matching":
      return (
        `    <shuffleanswers>true</shuffleanswers>\n` +
        [...q.pairs.map((p) => ({ left: p.left, right: p.right })), ...q.distractors.map((d) => ({ left: "", right: d }))]
          .map(
            (s) =>
              `    <subquestion format="markdown">\n${s.left ? textWithFiles(s.left, images, "      ") : "      <text></text>\n"}      <answer>\n        <text>${cdata(s.right)}</text>\n      </answer>\n    </subquestion>\n`,
          )
          .join("")
      );
  }
}

function lostFields(q: Question): string[] {
  const lost: string[] = [];
  if (q.citations && q.citations.length > 0) lost.push("citations (filled in from the lesson's sources)");
  if (q.type === "single" || q.type === "multiple") {
    if (!idsAreCanonical(q.options.map((o) => o.id))) lost.push("option ids (Moodle numbers answers in order)");
  }
  if (q.type === "ordering" && !idsAreCanonical(q.items.map((i) => i.id))) lost.push("item ids");
  if (q.type === "matching" && !idsAreCanonical(q.pairs.map((p) => p.id))) lost.push("pair ids");
  if (q.type === "short") {
    lost.push("Koza's answer normalisation (case, accents, punctuation, plurals, small typos): Moodle compares case-insensitively only");
    if (q.term) lost.push("term (the lesson key term)");
  }
  if (q.type === "numeric" && (q.unit !== "" || q.acceptedUnits.length > 0))
    lost.push("Koza's unit reading (scale words, free unit spellings): Moodle matches the listed units exactly");
  return lost;
}

export function writeMoodleXml(bankName: string, items: ExportItem[]): { body: string; report: ExportReportRow[] } {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- Exported from Koza: ${escapeAttr(bankName).replace(/--/g, "- -")} -->\n<quiz>\n`;
  let category: string | null = null;
  const report: ExportReportRow[] = [];
  for (const item of items) {
    const q = item.question;
    const images: Images = new Map((item.images ?? []).map((i) => [i.id, i]));
    if (item.topicTitle !== category) {
      category = item.topicTitle;
      out += `  <question type="category">\n    <category>\n      <text>${cdata(`$course$/top/${category.replace(/\//g, " ")}`)}</text>\n    </category>\n  </question>\n`;
    }
    out +=
      `  <question type="${MOODLE_TYPE[q.type]}">\n    <name>\n      <text>${cdata(item.name ?? q.key)}</text>\n    </name>\n` +
      textEl("questiontext", q.prompt, "markdown", "    ", images) +
      textEl("generalfeedback", q.explanation ?? "", "markdown", "    ", images) +
      `    <defaultgrade>${fixed7(q.points)}</defaultgrade>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n    <idnumber>${cdata(q.key)}</idnumber>\n` +
      body(q, images) +
      `    <tags>\n${metaTags(q, { points: false })
        .map((t) => `      <tag>\n        <text>${cdata(t)}</text>\n      </tag>\n`)
        .join("")}    </tags>\n  </question>\n`;
    report.push({ key: q.key, lost: lostFields(q) });
  }
  return { body: `${out}</quiz>\n`, report };
}

// Owns what the GIFT and Moodle XML readers and writers share: keys from names, Moodle's grade list, Koza's metadata
// carried as tags, and the last step of every import (validation by the same zod schema the content loader uses).
import { resolveImagesDeep, type EmbeddedFile } from "./images";
import { QuestionSchema, type Question } from "@/lib/content/schema";
import { MAX_IMPORT_QUESTIONS } from "@/lib/quiz/limits";
import { BankFileError, type ImportedQuestion, type SkippedQuestion } from "./types";

/**
 * Moodle's allowed grades (question_bank::fraction_options_full), positive and negative. An imported weight must be
 * one of them within 0.00001, as Moodle's own importer demands ("match grades: error if grade not listed").
 */
export const MOODLE_FRACTIONS: readonly number[] = (() => {
  const positive = [
    1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1,
    0.05,
  ];
  return [...positive, 0, ...positive.map((f) => -f)];
})();

/** The allowed grade nearest `fraction` when it is within Moodle's tolerance, else null (an invalid weight). */
export function matchMoodleFraction(fraction: number): number | null {
  if (!Number.isFinite(fraction)) return null;
  for (const f of MOODLE_FRACTIONS) if (Math.abs(f - fraction) < 0.00001) return f;
  return null;
}

/** A fraction as Moodle XML's fraction attribute holds it: a percentage with 5 decimals ("33.33333", "-50.00000"). */
export function formatFraction(fraction: number): string {
  const f = matchMoodleFraction(fraction) ?? fraction;
  const text = (f * 100).toFixed(5);
  return text === "-0.00000" ? "0.00000" : text;
}

/** Koza's multiple-response rule as Moodle weights: right options share +100 %, wrong ones −100 %. */
export function multipleWeights(options: { correct: boolean }[]): number[] {
  const c = options.filter((o) => o.correct).length;
  const w = options.length - c;
  return options.map((o) => (o.correct ? 1 / c : w > 0 ? -1 / w : 0));
}

/** Lowercase words joined by hyphens, at most 80 characters; null when nothing usable remains. */
export function slugify(text: string): string | null {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 72)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : null;
}

/** Hands out keys unique within one file: the second "trade-deficit" becomes "trade-deficit-2". */
export class KeyAllocator {
  private readonly used = new Set<string>();
  take(candidates: (string | null | undefined)[], fallback: string): string {
    const base = candidates.map((c) => (c ? slugify(c) : null)).find((s): s is string => s !== null) ?? fallback;
    let key = base;
    for (let n = 2; this.used.has(key); n++) key = `${base}-${n}`;
    this.used.add(key);
    return key;
  }
}

// ---- Koza's own fields carried through formats as tags (Moodle keeps tags; a Koza import reads them back) ----
const META = "koza-";
type Meta = Pick<Question, "difficulty" | "bloom" | "section" | "paragraphs" | "outsideSources"> & { points?: number };

export function metaTags(q: Question, opts: { points: boolean }): string[] {
  const tags = [`${META}difficulty-${q.difficulty}`];
  if (q.bloom) tags.push(`${META}bloom-${q.bloom}`);
  if (q.section) tags.push(`${META}section-${q.section}`);
  for (const p of q.paragraphs) tags.push(`${META}paragraph-${p}`);
  for (const s of q.outsideSources) tags.push(`${META}source-${s}`);
  if (opts.points && q.points !== 1) tags.push(`${META}points-${q.points}`);
  return tags;
}

/** Splits tags into Koza metadata (read back into fields) and the instructor's own tags (kept as they are). */
export function readMetaTags(tags: string[]): { meta: Partial<Meta>; tags: string[] } {
  const meta: Partial<Meta> = {};
  const rest: string[] = [];
  for (const tag of tags) {
    const m = /^koza-(difficulty|bloom|section|paragraph|source|points)-(.+)$/.exec(tag);
    if (!m) {
      rest.push(tag);
      continue;
    }
    const [, field, value] = m as unknown as [string, string, string];
    if (field === "difficulty" && (value === "easy" || value === "medium" || value === "hard")) meta.difficulty = value;
    else if (field === "bloom") meta.bloom = value as Meta["bloom"];
    else if (field === "section") meta.section = value;
    else if (field === "paragraph") meta.paragraphs = [...(meta.paragraphs ?? []), value];
    else if (field === "source") meta.outsideSources = [...(meta.outsideSources ?? []), value];
    else if (field === "points" && Number.isFinite(Number(value))) meta.points = Number(value);
    else rest.push(tag);
  }
  return { meta, tags: rest };
}

/** Moodle category paths look like "$course$/top/Trade friction": the last segment names the topic. */
export function categoryLeaf(category: string): string {
  const parts = category
    .split("/")
    .map((p) => p.trim())
    .filter((p) => p !== "" && p !== "top" && !/^\$\w+\$$/.test(p));
  return parts.at(-1) ?? category.trim();
}

/** Plain text from Moodle HTML: paragraphs and breaks become newlines, tags go, the common entities are decoded. */
export function htmlToText(html: string): string {
  return decodeXmlEntities(
    html
      .replace(/<img\b[^>]*>/gi, imgToMarkdown)
      .replace(/<\s*br\s*\/?>/gi, "\n")
      .replace(/<\/\s*(p|div|li|h[1-6])\s*>/gi, "\n")
      .replace(/<[^>]*>/g, ""),
    true,
  )
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** An HTML <img> as a Markdown image, so the import can store (or drop) it by the same rule as a Markdown one. */
function imgToMarkdown(tag: string): string {
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  const value = (m: RegExpExecArray | null) => (m ? (m[1] ?? m[2] ?? m[3] ?? "") : "");
  const src = value(attr("src")).trim();
  if (!src) return "";
  const alt = value(attr("alt")).replace(/[[\]]/g, "").replace(/\s+/g, " ").trim();
  return `![${alt}](${/[\s()]/.test(src) ? `<${src}>` : src})`;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const HTML_NAMED: Record<string, string> = {
  ...NAMED,
  nbsp: "\u00a0",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  ldquo: "“",
  rdquo: "”",
};

/** XML's five entities and numeric references, never anything declared (no DTD is ever read). */
export function decodeXmlEntities(text: string, html = false): string {
  const names = html ? HTML_NAMED : NAMED;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return names[ref] ?? whole;
  });
}

/** C0 controls other than tab and newline, DEL and C1 controls, and lone surrogates: text XML 1.0 may not carry. */
export function stripControlChars(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
}

/** A draft the readers build; `finish` validates it into a Koza question or a skipped row. */
export type Draft = {
  index: number;
  line: number | null;
  name: string | null;
  idnumber: string | null;
  category: string | null;
  tags: string[];
  sourceType: string;
  warnings: string[];
  /** Everything but key and the metadata fields, which `finish` fills in. */
  body: Record<string, unknown> & { type: Question["type"]; prompt: string };
  points?: number;
  /** Files the source embeds for this question (Moodle XML `<file>`), by name. */
  files?: EmbeddedFile[];
};

export function finish(draft: Draft, keys: KeyAllocator): ImportedQuestion | SkippedQuestion {
  const { meta, tags } = readMetaTags(draft.tags);
  // Images first: an embedded file Koza refuses (SVG, too large, not an image) skips the question, so nothing of it is
  // written; a link to another site drops to its description with a warning.
  const resolved = resolveImagesDeep(draft.body, new Map((draft.files ?? []).map((f) => [f.name, f])));
  if (resolved.refused) return skip(draft, `image refused: ${resolved.refused}`);
  const body = resolved.value;
  const key = keys.take([draft.idnumber, draft.name, body.prompt], `question-${draft.index + 1}`);
  const candidate = {
    ...body,
    key,
    difficulty: meta.difficulty ?? "medium",
    ...(meta.bloom ? { bloom: meta.bloom } : {}),
    ...(meta.section ? { section: meta.section } : {}),
    paragraphs: meta.paragraphs ?? [],
    outsideSources: meta.outsideSources ?? [],
    points: draft.points ?? meta.points ?? 1,
  };
  const parsed = QuestionSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return skip(draft, `not a valid Koza question (${where}${issue?.message ?? "invalid"})`);
  }
  return {
    index: draft.index,
    question: parsed.data,
    name: draft.name,
    idnumber: draft.idnumber,
    category: draft.category,
    tags,
    line: draft.line,
    warnings: [...draft.warnings, ...resolved.warnings],
    images: resolved.images,
  };
}

export function skip(d: Pick<Draft, "index" | "line" | "name" | "sourceType">, reason: string): SkippedQuestion {
  return { index: d.index, line: d.line, name: d.name, type: d.sourceType, reason };
}

export function assertQuestionCount(count: number): void {
  if (count > MAX_IMPORT_QUESTIONS)
    throw new BankFileError(
      `The file holds ${count} questions; one import takes at most ${MAX_IMPORT_QUESTIONS}. Split the file and import the parts one by one.`,
    );
}

export function isImported(r: ImportedQuestion | SkippedQuestion): r is ImportedQuestion {
  return "question" in r;
}

/** Option, item and pair ids as an import assigns them: a, b, … z, then a2, b2, … */
export function partId(i: number): string {
  const letter = String.fromCharCode(97 + (i % 26));
  return i < 26 ? letter : `${letter}${Math.floor(i / 26) + 1}`;
}

/** Whether ids are exactly what an import would assign, so an export loses nothing by not writing them. */
export function idsAreCanonical(ids: string[]): boolean {
  return ids.every((id, i) => id === partId(i));
}

export type ParsedChoice = { weight: number; text: string; feedback: string | undefined };

/**
 * Moodle's multichoice as a Koza question. One-answer: exactly one 100% answer is the key; partial or negative weights
 * are reported (Koza's single choice is all or nothing). Multiple answers: every answer with a positive weight is
 * right, and Moodle weights other than Koza's rule (+100% shared by right answers, −100% by wrong ones) are reported.
 */
export function mapChoices(
  single: boolean,
  parsed: ParsedChoice[],
): { ok: true; body: { type: "single" | "multiple"; options: unknown[] }; warnings: string[] } | { ok: false; reason: string } {
  if (parsed.length < 2) return { ok: false, reason: "a multiple-choice question needs at least two answers" };
  const warnings: string[] = [];
  const option = (p: ParsedChoice, i: number, correct: boolean) => ({
    id: partId(i),
    text: p.text,
    correct,
    ...(p.feedback ? { feedback: p.feedback } : {}),
  });
  if (single) {
    const right = parsed.filter((p) => p.weight === 1).length;
    if (right !== 1) return { ok: false, reason: `missing key: a one-answer question needs exactly one 100% answer (found ${right})` };
    if (parsed.some((p) => p.weight > 0 && p.weight < 1))
      warnings.push("partial-credit answers count as wrong (Koza's single choice is all or nothing)");
    if (parsed.some((p) => p.weight < 0)) warnings.push("negative weights dropped (a wrong choice scores 0 in Koza's single choice)");
    return { ok: true, body: { type: "single", options: parsed.map((p, i) => option(p, i, p.weight === 1)) }, warnings };
  }
  const c = parsed.filter((p) => p.weight > 0).length;
  const w = parsed.length - c;
  if (c === 0) return { ok: false, reason: "missing key: no answer has a positive weight" };
  if (w === 0) return { ok: false, reason: "every answer is right, so ticking all of them would be the answer" };
  if (parsed.some((p) => Math.abs(p.weight - (p.weight > 0 ? 1 / c : -1 / w)) > 0.0001))
    warnings.push("Moodle weights replaced by Koza's rule (right answers share +100%, wrong answers share −100%, floor 0)");
  return { ok: true, body: { type: "multiple", options: parsed.map((p, i) => option(p, i, p.weight > 0)) }, warnings };
}

/** Moodle's ordering options as import warnings: Koza shows every item and grades the share of pairs in order. */
export function orderingWarnings(selectType: string | undefined, gradingType: string | undefined): string[] {
  const warnings: string[] = [];
  if (selectType && !["ALL", "EXACT"].includes(selectType.toUpperCase()))
    warnings.push(`Moodle select type ${selectType} shows a subset of the items; Koza always shows every item`);
  if (gradingType && gradingType.toUpperCase() !== "RELATIVE_ALL_PREVIOUS_AND_NEXT")
    warnings.push(
      `Moodle grading type ${gradingType} differs from Koza's (the share of item pairs in the right relative order, Moodle's RELATIVE_ALL_PREVIOUS_AND_NEXT)`,
    );
  return warnings;
}

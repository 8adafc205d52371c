// Owns writing GIFT that Moodle's importer (and ours) reads back: every text escaped, an explicit [markdown] prefix on
// each question, the key as [id:…], Koza's own fields as koza-* tags, and a report of what GIFT cannot hold.
import type { Question } from "@/lib/content/schema";
import { idsAreCanonical, metaTags, stripControlChars } from "./common";
import type { ExportItem, ExportReportRow } from "./types";

/** Moodle's repchar: escape \ # = ~ { } : and write newlines as \n. */
export function giftEscape(text: string): string {
  return stripControlChars(text)
    .replace(/[\\#=~{}:]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

/** An answer's text: a [markdown] prefix only when the text itself would otherwise read as a prefix or a weight. */
function answerText(text: string): string {
  const t = text.trim();
  return (/^[[%]/.test(t) ? "[markdown]" : "") + giftEscape(t);
}

function feedback(text: string | undefined): string {
  return text ? `#${giftEscape(text)}` : "";
}

function formatNumber(n: number): string {
  return String(n);
}

function percent(f: number): string {
  return `${Math.round(f * 1e7) / 1e5}`;
}

function lostFields(q: Question): string[] {
  const lost: string[] = [];
  if (q.citations && q.citations.length > 0) lost.push("citations (filled in from the lesson's sources)");
  switch (q.type) {
    case "single":
    case "multiple":
      if (!idsAreCanonical(q.options.map((o) => o.id))) lost.push("option ids (GIFT numbers answers in order)");
      break;
    case "numeric":
      if (q.unit !== "") lost.push(`unit "${q.unit}"`);
      if (q.acceptedUnits.length > 0) lost.push("accepted units");
      if (q.acceptMagnitude) lost.push("acceptMagnitude (a signed change also accepted)");
      break;
    case "short":
      lost.push("Koza's answer normalisation (case, accents, punctuation, plurals, small typos): Moodle compares case-insensitively only");
      if (q.term) lost.push("term (the lesson key term)");
      if (q.accepted.some((a) => a.includes("->"))) lost.push('an accepted answer containing "->" (GIFT reads it as matching)');
      break;
    case "ordering":
      if (!idsAreCanonical(q.items.map((i) => i.id))) lost.push("item ids");
      if (q.items.some((i) => i.text.trim().startsWith("//"))) lost.push('an item starting with "//" (GIFT reads it as a comment)');
      break;
    case "matching":
      if (!idsAreCanonical(q.pairs.map((p) => p.id))) lost.push("pair ids");
      if (q.pairs.some((p) => p.left.includes("->"))) lost.push('a left item containing "->"');
      break;
  }
  return lost;
}

function answerBlock(q: Question): string {
  switch (q.type) {
    case "single":
      return q.options.map((o) => `\t${o.correct ? "=" : "~"}${answerText(o.text)}${feedback(o.feedback)}\n`).join("");
    case "multiple": {
      const c = q.options.filter((o) => o.correct).length;
      const w = q.options.length - c;
      return q.options
        .map((o) => `\t~%${percent(o.correct ? 1 / c : w > 0 ? -1 / w : 0)}%${answerText(o.text)}${feedback(o.feedback)}\n`)
        .join("");
    }
    case "truefalse":
      return q.answer ? "TRUE" : "FALSE";
    case "numeric":
      return `#${formatNumber(q.answer)}:${formatNumber(q.tolerance)}`;
    case "short":
      return q.accepted.map((a) => `\t=%100%${answerText(a)}\n`).join("");
    case "ordering":
      // qtype_ordering's syntax: count, select type, layout, grading, show grading, then one item a line.
      return `>${q.items.length} ALL VERTICAL RELATIVE_ALL_PREVIOUS_AND_NEXT SHOW\n${q.items.map((i) => `${answerText(i.text)}\n`).join("")}`;
    case "matching":
      return [
        ...q.pairs.map((p) => `\t=${answerText(p.left)} -> ${giftEscape(p.right.trim())}\n`),
        ...q.distractors.map((d) => `\t= -> ${giftEscape(d.trim())}\n`),
      ].join("");
  }
}

export function writeGiftQuestion(item: ExportItem): { text: string; lost: string[] } {
  const q = item.question;
  const name = item.name ?? q.key;
  const tags = metaTags(q, { points: true });
  const head = `// [id:${q.key}] ${tags.map((t) => `[tag:${t}]`).join(" ")}\n`;
  const block = answerBlock(q);
  const multiline = block.includes("\n");
  const general = q.explanation ? `${multiline ? "\t" : ""}####${giftEscape(q.explanation)}${multiline ? "\n" : ""}` : "";
  const body = `{${multiline && !block.startsWith(">") && !block.startsWith("#") ? "\n" : ""}${block}${general}}`;
  // A prompt with one blank and text after it is written as Moodle's missing-word question, so it reads back the same.
  const parts = q.prompt.split("_____");
  const prompt =
    parts.length === 2 && parts[1]!.trim() !== ""
      ? `${giftEscape(parts[0]!)}${body}${giftEscape(parts[1]!)}`
      : `${giftEscape(q.prompt)}${body}`;
  const lost = lostFields(q);
  if (item.images && item.images.length > 0)
    lost.push(`${item.images.length} image(s): GIFT cannot embed files (use Moodle XML or QTI); the Markdown keeps its /api/images/… link`);
  return { text: `${head}::${giftEscape(name)}::[markdown]${prompt}\n`, lost };
}

export function writeGift(bankName: string, items: ExportItem[]): { body: string; report: ExportReportRow[] } {
  let out = `// Exported from Koza: ${stripControlChars(bankName).replace(/\n/g, " ")}\n\n`;
  let category: string | null = null;
  const report: ExportReportRow[] = [];
  for (const item of items) {
    if (item.topicTitle !== category) {
      category = item.topicTitle;
      out += `$CATEGORY: $course$/top/${stripControlChars(category).replace(/[\n/]/g, " ")}\n\n`;
    }
    const { text, lost } = writeGiftQuestion(item);
    out += `${text}\n`;
    report.push({ key: item.question.key, lost });
  }
  return { body: out, report };
}

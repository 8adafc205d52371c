// DESIGN.md §3: lessons and questions are in our own words; no 8-word run of the source article appears in them.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/loader";
import { normaliseText } from "@/lib/content/normalise";

const RUN = 8;
// CI runs from a clone with shared/ beside the repository, exactly as on a developer machine.
const ARTICLE = path.resolve(process.cwd(), "../shared/source/article.md");

/**
 * Official names are facts, not wording: a treaty's full title is as long as a run. Each is folded into one token
 * in both texts, so quoting the name is fine but copying the words around it is still caught.
 */
const PROPER_NAMES = ["Comprehensive and Progressive Agreement for Trans-Pacific Partnership"].map(normaliseText);

/** Normalised words. A sentinel first word keeps normaliseText from dropping a leading "the"/"a"/"an". */
function words(text: string): string[] {
  let normalised = ` ${normaliseText(`x ${text}`)} `;
  PROPER_NAMES.forEach((name, i) => (normalised = normalised.replaceAll(` ${name} `, ` name${i} `)));
  return normalised.trim().split(" ").slice(1);
}

function runs(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + RUN <= ws.length; i++) out.push(ws.slice(i, i + RUN).join(" "));
  return out;
}

/** Citations (source titles, URLs, source ids) name other works; they are not our prose. */
const NOT_PROSE = new Set(["sources", "url"]);

/** Every prose string inside a value, with a path saying where it sits. */
function strings(value: unknown, at: string): Array<{ at: string; text: string }> {
  if (typeof value === "string") return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => (NOT_PROSE.has(k) ? [] : strings(v, `${at}.${k}`)));
  return [];
}

/** The article's paragraph bodies (the text under "## P1" … "## P7"), not the reference copy's own header. */
function articleParagraphs(source: string): string[] {
  return source
    .split(/^## P[1-7]\s*$/m)
    .slice(1)
    .map((p) => p.trim())
    .filter(Boolean);
}

describe("no copying from the article", () => {
  it("finds the article beside the repository", () => {
    expect(
      existsSync(ARTICLE),
      `The source article is missing at ${ARTICLE}. Check out shared/ beside the repository (../shared/source/article.md).`,
    ).toBe(true);
  });

  it(`shares no ${RUN}-word run with any lesson or question`, () => {
    if (!existsSync(ARTICLE)) throw new Error(`The source article is missing at ${ARTICLE}: cannot check for copying.`);
    const paragraphs = articleParagraphs(readFileSync(ARTICLE, "utf8"));
    expect(paragraphs.length, "the article should have paragraphs P1–P7").toBe(7);
    const articleRuns = new Set(paragraphs.flatMap((p) => runs(words(p))));
    expect(articleRuns.size).toBeGreaterThan(100);

    const course = loadCourse();
    const texts = [
      ...course.lessons.flatMap((l) => strings(l, `lesson ${l.topic}`)),
      ...course.banks.flatMap((b) => b.questions.flatMap((q) => strings(q, `${b.file} ${q.key}`))),
    ];
    const copied = texts.flatMap(({ at, text }) => runs(words(text)).filter((r) => articleRuns.has(r)).map((r) => `${at}: "${r}"`));
    expect(copied).toEqual([]);
  });

  it("still catches copied words around an official name", () => {
    const article = new Set(runs(words("Japan stayed in and it became the CPTPP (Comprehensive and Progressive Agreement for Trans-Pacific Partnership), which went on")));
    expect(runs(words("Tokyo stayed in and it became the CPTPP (comprehensive and progressive agreement for Trans Pacific Partnership) which went on")).some((r) => article.has(r))).toBe(true);
    expect(runs(words("The Comprehensive and Progressive Agreement for Trans-Pacific Partnership took effect")).some((r) => article.has(r))).toBe(false);
  });

  it("would catch a copied sentence", () => {
    if (!existsSync(ARTICLE)) throw new Error(`The source article is missing at ${ARTICLE}: cannot check for copying.`);
    const [first] = articleParagraphs(readFileSync(ARTICLE, "utf8"));
    const sentence = first.split(/(?<=\.)\s/)[0];
    const articleRuns = new Set(runs(words(first)));
    expect(runs(words(`As the blog put it, ${sentence.toUpperCase()}`)).some((r) => articleRuns.has(r))).toBe(true);
  });
});

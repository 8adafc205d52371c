// Owns reading content/ from disk into validated lessons and banks; every failure names file, question key and field.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseDocument, LineCounter, isMap, isSeq, type Document } from "yaml";
import type { z } from "zod";
import {
  BankSchema,
  ModuleSchema,
  type Module,
  LessonFrontMatterSchema,
  LessonSectionSchema,
  DatasetSchema,
  type Bank,
  type Dataset,
  type Lesson,
  type LessonChart,
  type LessonFrontMatter,
  type LessonSection,
} from "./schema";
import { checkCourseConsistency } from "./consistency";
import { resolveCitations } from "./provenance";

/** A lesson as parsed from its file, before its charts' data files are read. */
export type LessonDraft = LessonFrontMatter & { sections: LessonSection[] };

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid content:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

export type BankFile = Bank & { file: string };
export type Course = { module: Module; lessons: Lesson[]; banks: BankFile[] };


export const DEFAULT_CONTENT_DIR = path.join(process.cwd(), "content");

/** Loads and validates all content; throws ContentError listing every problem found. */
export function loadCourse(contentDir: string = DEFAULT_CONTENT_DIR): Course {
  const problems: string[] = [];
  const drafts: LessonDraft[] = [];
  const banks: BankFile[] = [];

  const lessonDir = path.join(contentDir, "lessons");
  for (const file of listFiles(lessonDir, ".md")) {
    const rel = path.relative(process.cwd(), file);
    const lesson = parseLesson(readFileSync(file, "utf8"), rel, problems);
    if (lesson) drafts.push(lesson);
  }
  const bankDir = path.join(contentDir, "banks");
  for (const file of listFiles(bankDir, ".yaml")) {
    const rel = path.relative(process.cwd(), file);
    const bank = parseBank(readFileSync(file, "utf8"), rel, problems);
    if (bank) banks.push({ ...bank, file: rel });
  }
  const moduleFile = path.join(contentDir, "module.yaml");
  const moduleRel = path.relative(process.cwd(), moduleFile);
  let courseModule: Module | null = null;
  try {
    courseModule = parseYamlFile(readFileSync(moduleFile, "utf8"), moduleRel, ModuleSchema, problems);
  } catch {
    problems.push(`${moduleRel}: missing (the module file lists the course's quizzes)`);
  }
  const datasets = loadDatasets(path.join(contentDir, "data"), problems);
  const lessons = drafts.map((d) => ({ ...d, charts: resolveCharts(d, datasets, problems) }));
  if (problems.length === 0 && courseModule)
    problems.push(...checkCourseConsistency(lessons, banks, courseModule));
  if (problems.length > 0 || !courseModule) throw new ContentError(problems);
  lessons.sort((a, b) => a.order - b.order);
  const lessonByTopic = new Map(lessons.map((l) => [l.topic, l]));
  const resolvedBanks = banks.map((b) => ({
    ...b,
    questions: b.questions.map((q) => resolveCitations(q, lessonByTopic.get(b.topic)!)),
  }));
  return { module: courseModule, lessons, banks: resolvedBanks };
}

/** Reads every content/data/<id>.yaml through DatasetSchema. */
function loadDatasets(dir: string, problems: string[]): Map<string, Dataset> {
  const out = new Map<string, Dataset>();
  for (const file of listFiles(dir, ".yaml")) {
    const rel = path.relative(process.cwd(), file);
    const data = parseYamlFile(readFileSync(file, "utf8"), rel, DatasetSchema, problems);
    if (!data) continue;
    const keys = data.columns.map((c) => c.key);
    data.rows.forEach((row, i) => {
      for (const k of keys) if (!(k in row)) problems.push(`${rel}: field "rows.${i}": no value for column "${k}" (write null when the source has none)`);
      for (const k of Object.keys(row)) if (!keys.includes(k)) problems.push(`${rel}: field "rows.${i}": unknown column "${k}"`);
    });
    out.set(path.basename(file, ".yaml"), data);
  }
  return out;
}

/** Attaches each chart's data (only its x column, its series and its range), so the stored lesson draws itself. */
function resolveCharts(lesson: LessonDraft, datasets: Map<string, Dataset>, problems: string[]): LessonChart[] {
  return lesson.charts.flatMap((chart) => {
    const at = `lesson "${lesson.topic}" chart "${chart.id}"`;
    const data = datasets.get(chart.data);
    if (!data) {
      problems.push(`${at}: field "data": no file content/data/${chart.data}.yaml`);
      return [];
    }
    const x = data.columns[0]?.key;
    if (x === undefined) {
      problems.push(`${at}: content/data/${chart.data}.yaml has no columns`);
      return [];
    }
    const unknown = chart.series.filter((s) => !data.columns.some((c) => c.key === s && c.key !== x));
    for (const s of unknown) problems.push(`${at}: field "series": no column "${s}" in content/data/${chart.data}.yaml`);
    if (!lesson.sections.some((s) => s.id === chart.section)) problems.push(`${at}: field "section": no section "${chart.section}"`);
    if (unknown.length > 0) return [];
    const keep = new Set([x, ...chart.series]);
    const rows = data.rows
      .filter((r) => (chart.from === undefined || (r[x] ?? 0) >= chart.from) && (chart.to === undefined || (r[x] ?? 0) <= chart.to))
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => keep.has(k))));
    if (rows.length < 2) problems.push(`${at}: fewer than two rows in range`);
    return [{ ...chart, dataset: { ...data, columns: data.columns.filter((c) => keep.has(c.key)), rows } }];
  });
}

/** With prettyErrors off, yaml leaves linePos unset; the error's offset and the line counter give the line. */
function yamlErrorLine(e: { pos: [number, number] }, lineCounter: LineCounter): number {
  return lineCounter.linePos(e.pos[0]).line;
}

function listFiles(dir: string, ext: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Formats zod issues as "file:line: path: message", using the YAML document to find lines. */
function zodProblems(
  error: z.ZodError,
  file: string,
  doc: Document | null,
  lineCounter: LineCounter | null,
  labelFor?: (issuePath: PropertyKey[]) => string,
): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.join(".");
    let line = "";
    if (doc && lineCounter) {
      const node = findNode(doc, issue.path);
      if (node?.range) line = `:${lineCounter.linePos(node.range[0]).line}`;
    }
    const label = labelFor ? labelFor(issue.path) : "";
    return `${file}${line}: ${label}${where ? `field "${where}"` : "file"}: ${issue.message}`;
  });
}

function findNode(doc: Document, p: PropertyKey[]): { range?: [number, number, number] | null } | null {
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (const key of p) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(key as number, true);
    else break;
    if (node) last = node;
    else break;
  }
  return (last as { range?: [number, number, number] }) ?? null;
}

function parseYamlFile<T>(source: string, file: string, schema: z.ZodType<T>, problems: string[]): T | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push(`${file}:${yamlErrorLine(e, lineCounter)}: YAML syntax error: ${e.message.split("\n")[0]}`);
    return null;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, file, doc, lineCounter));
    return null;
  }
  return parsed.data;
}

export function parseBank(source: string, file: string, problems: string[]): Bank | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push(`${file}:${yamlErrorLine(e, lineCounter)}: YAML syntax error: ${e.message.split("\n")[0]}`);
    return null;
  }
  const raw = doc.toJS() as unknown;
  const parsed = BankSchema.safeParse(raw);
  if (!parsed.success) {
    const questions = (raw as { questions?: Array<{ key?: unknown }> })?.questions;
    problems.push(
      ...zodProblems(parsed.error, file, doc, lineCounter, (ip) => {
        if (ip[0] === "questions" && typeof ip[1] === "number") {
          const key = questions?.[ip[1]]?.key;
          return typeof key === "string" ? `question "${key}": ` : `question #${ip[1] + 1}: `;
        }
        return "";
      }),
    );
    return null;
  }
  return parsed.data;
}

const SECTION_HEADING = /^##\s+(.+?)\s*\{#([a-z0-9-]+)\}\s*$/;
const DRAWS_ON = /^Draws on:\s*(.+)$/i;
const SOURCES = /^Sources:\s*(.+)$/i;

/**
 * A lesson file is YAML front matter between `---` lines, then sections:
 *   ## Section title {#section-id}
 *   Draws on: P4, P5
 *   Sources: source-id, other-id        (optional)
 *   Markdown body…
 */
export function parseLesson(source: string, file: string, problems: string[]): LessonDraft | null {
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, "\n")) ?? [];
  if (front === undefined || body === undefined) {
    problems.push(`${file}:1: a lesson must start with YAML front matter between --- lines`);
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(front, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    // +1: the front matter starts on the line after the opening ---.
    for (const e of doc.errors)
      problems.push(`${file}:${yamlErrorLine(e, lineCounter) + 1}: YAML syntax error in front matter: ${e.message.split("\n")[0]}`);
    return null;
  }
  const fm = LessonFrontMatterSchema.safeParse(doc.toJS());
  if (!fm.success) {
    problems.push(...zodProblems(fm.error, file, doc, lineCounter));
    return null;
  }
  const bodyStartLine = front.split("\n").length + 3;
  const sections: LessonSection[] = [];
  const lines = body.split("\n");
  let current: { title: string; id: string; line: number; paragraphs: string[]; sources: string[]; body: string[] } | null =
    null;
  const flush = () => {
    if (!current) return;
    const parsed = LessonSectionSchema.safeParse({
      id: current.id,
      title: current.title,
      paragraphs: current.paragraphs,
      sources: current.sources,
      markdown: current.body.join("\n").trim(),
    });
    if (parsed.success) sections.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push(`${file}:${current.line}: section "${current.id}" field "${issue.path.join(".")}": ${issue.message}`);
  };
  lines.forEach((line, i) => {
    const [, title, id] = SECTION_HEADING.exec(line) ?? [];
    if (title !== undefined && id !== undefined) {
      flush();
      current = { title, id, line: bodyStartLine + i, paragraphs: [], sources: [], body: [] };
      return;
    }
    if (line.startsWith("## ")) {
      problems.push(`${file}:${bodyStartLine + i}: section heading needs an id: "## Title {#section-id}"`);
      return;
    }
    if (!current) {
      if (line.trim()) problems.push(`${file}:${bodyStartLine + i}: text before the first "## " section`);
      return;
    }
    const c = current as { paragraphs: string[]; sources: string[]; body: string[] };
    const draws = DRAWS_ON.exec(line)?.[1];
    if (draws !== undefined && c.body.every((l) => !l.trim())) {
      c.paragraphs = draws.split(/[,\s]+/).filter(Boolean);
      return;
    }
    const src = SOURCES.exec(line)?.[1];
    if (src !== undefined && c.body.every((l) => !l.trim())) {
      c.sources = src.split(/[,\s]+/).filter(Boolean);
      return;
    }
    c.body.push(line);
  });
  flush();
  if (sections.length === 0) problems.push(`${file}: a lesson needs at least one "## Title {#id}" section`);
  return { ...fm.data, sections };
}

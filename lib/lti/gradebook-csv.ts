// Owns the gradebook CSV presets that LMS importers accept. Canvas: `Student,ID,SIS User ID,SIS Login ID,Section`
// then one column per assignment (points, blank for no score). Moodle: one identifier column (email) then one column
// per quiz named like its grade item, in points. Formula escaping applies to people's names only: it must never
// alter a column an LMS matches on (identifiers, emails, assignment titles).
import Papa from "papaparse";
import type { GradebookDTO } from "@/lib/dal/gradebook";

export type GradebookPreset = "canvas" | "moodle";
export const GRADEBOOK_PRESETS: readonly GradebookPreset[] = ["canvas", "moodle"];

export const CANVAS_FIXED_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] as const;

/** Words that make Canvas's importer treat a column as a computed total and drop it; replaced in assignment titles. */
const CANVAS_RESERVED: [RegExp, string][] = [
  [/final/gi, "End"],
  [/current/gi, "Present"],
  [/unposted/gi, "Not posted"],
  [/override/gi, "Overrule"],
];

export function canvasColumnTitle(title: string, canvasId?: string | null): string {
  let t = title.replace(/[\r\n]+/g, " ").trim();
  for (const [word, instead] of CANVAS_RESERVED) t = t.replace(word, instead);
  return canvasId ? `${t} (${canvasId})` : t;
}

/** A spreadsheet would run a cell that starts like a formula; a leading apostrophe keeps it text (names only). */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Points as importers read them: at most two decimals, no trailing zeros; blank when there is no score. */
export function formatPoints(points: number | null | undefined): string {
  if (points === null || points === undefined || !Number.isFinite(points)) return "";
  return String(Math.round(points * 100) / 100);
}

const OPTIONS = { newline: "\r\n", escapeFormulae: false } as const;

export function gradebookCsv(book: GradebookDTO, preset: GradebookPreset): string {
  if (preset === "canvas") {
    const header = [...CANVAS_FIXED_COLUMNS, ...book.assignments.map((a) => canvasColumnTitle(a.title))];
    const rows = book.students.map((s) => [
      escapeFormula(s.name),
      "",
      "",
      s.email,
      "",
      ...book.assignments.map((a) => formatPoints(s.points[a.id])),
    ]);
    return Papa.unparse([header, ...rows], OPTIONS);
  }
  const header = ["Email address", ...book.assignments.map((a) => a.title.replace(/[\r\n]+/g, " ").trim())];
  const rows = book.students.map((s) => [s.email, ...book.assignments.map((a) => formatPoints(s.points[a.id]))]);
  return Papa.unparse([header, ...rows], OPTIONS);
}

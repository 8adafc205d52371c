// Owns how score-table values read to people, shared by the server's CSV route and the browser's table and CSV,
// so both exports of the same table print the same text.

import { PROGRESS_STATUS_LABEL } from "../quiz/labels";

export type ScoreStatus = "not-started" | "in-progress" | "finished" | "overdue";

export const SCORE_STATUS_LABELS: Readonly<Record<ScoreStatus, string>> = PROGRESS_STATUS_LABEL;

/** Column headings of the score table; the CSV prints the same words (with "(%)" on percentages). */
export const SCORE_COLUMN_LABELS = {
  name: "Name",
  email: "Email",
  overall: "Overall",
  attempts: "Attempts",
  attemptsUsed: "Attempts used",
  lastActivity: "Last activity",
  status: "Status",
} as const;

/** The CSV header row for the given topic titles, in the table's column order. */
export function scoreCsvHeader(topicTitles: readonly string[]): string[] {
  const L = SCORE_COLUMN_LABELS;
  return [L.name, L.email, ...topicTitles.map((t) => `${t} (%)`), `${L.overall} (%)`, L.attemptsUsed, L.lastActivity, L.status];
}

/** A percentage to one decimal ("87.5"); empty for no score. */
export function formatPercentCell(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : (Math.round(value * 10) / 10).toFixed(1);
}

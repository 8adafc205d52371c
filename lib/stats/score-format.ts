// Owns how score-table values read to people, shared by the server's CSV route and the browser's table and CSV,
// so both exports of the same table print the same text.

export type ScoreStatus = "not-started" | "in-progress" | "finished" | "overdue";

export const SCORE_STATUS_LABELS: Readonly<Record<ScoreStatus, string>> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  finished: "Finished",
  overdue: "Overdue",
};

/** A percentage to one decimal ("87.5"); empty for no score. */
export function formatPercentCell(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : (Math.round(value * 10) / 10).toFixed(1);
}

// Owns how score-table values read to people, shared by the server's CSV route and the browser's table and CSV,
// so both exports of the same table print the same text.

import { PROGRESS_STATUS_LABEL } from "../quiz/labels";
import { resolveTimeZone } from "../dates/format";

/**
 * A student's state over all of the class's assignments: "in-progress" only with an attempt open right now; "partial"
 * when some assignments are submitted, none is past due and nothing is open.
 */
export type ScoreStatus = "not-started" | "in-progress" | "partial" | "finished" | "overdue";

export const SCORE_STATUS_LABELS: Readonly<Record<ScoreStatus, string>> = {
  "not-started": PROGRESS_STATUS_LABEL["not-started"],
  "in-progress": PROGRESS_STATUS_LABEL["in-progress"],
  partial: "Some submitted",
  finished: PROGRESS_STATUS_LABEL.finished,
  overdue: PROGRESS_STATUS_LABEL.overdue,
};

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

/** The longest topic header the score table shows in full; longer ones are cut (the full title stays for screen readers). */
export const SHORT_TOPIC_MAX = 24;

/**
 * A topic title short enough for a column header: the part before a colon ("The Plaza Accord (1985): Moving the
 * Dollar…" → "The Plaza Accord (1985)"), cut at a word with "…" if still longer than SHORT_TOPIC_MAX.
 */
export function shortTopicTitle(title: string): string {
  const head = title.split(":")[0]!.trim() || title.trim();
  if (head.length <= SHORT_TOPIC_MAX) return head;
  const cut = head.slice(0, SHORT_TOPIC_MAX - 1);
  // Cut at a word: the whole slice when the next character is a space, else back to the slice's last space.
  const space = head[cut.length] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(space > SHORT_TOPIC_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A score as the table shows it, with its unit ("87.5%"); "—" for none. */
export function formatPercentWithUnit(value: number | null | undefined): string {
  const cell = formatPercentCell(value);
  return cell === "" ? "—" : `${cell}%`;
}

/**
 * The score CSV's file name: the class name and the day it was taken, in the viewer's zone
 * ("Period 3 Econ – scores 2026-12-02.csv"); characters file systems refuse become "-".
 */
export function scoresCsvFileName(className: string, at: Date, zone: string | null | undefined): string {
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone: resolveTimeZone(zone),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
  const safe = className
    .replace(/[\u0000-\u001f\u007f"*/:<>?\\|]+/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
  return `${safe || "class"} scores ${day}.csv`;
}

// Owns the words people read for quiz settings and statuses, shared by forms, pages, tables and exports. Pure, so
// client components and server routes print the same text for the same value.
import type { GradeStatus } from "../grading/grade-result";
import type { GradingMethod } from "../stats/grading-methods";
import type { ReviewTiming } from "./rules";

/** A grading method as stored (HIGHEST). */
type AnyGradingMethod = GradingMethod;

const GRADING_METHOD: Record<GradingMethod, { label: string; word: string }> = {
  HIGHEST: { label: "Highest attempt", word: "highest" },
  LATEST: { label: "Latest attempt", word: "latest" },
  AVERAGE: { label: "Average of attempts", word: "average" },
  FIRST: { label: "First attempt", word: "first" },
};
const gradingMethod = (m: AnyGradingMethod) => GRADING_METHOD[m];

/** "Highest attempt": a form option or a table cell. */
export const gradingMethodLabel = (m: AnyGradingMethod): string => gradingMethod(m).label;
/** "highest attempt": inside a sentence. */
export const gradingMethodPhrase = (m: AnyGradingMethod): string => gradingMethod(m).label.toLowerCase();
/** "highest", as in "highest of 3 attempts". */
export const gradingMethodWord = (m: AnyGradingMethod): string => gradingMethod(m).word;

/** The assignment form's grading-method options, values as stored. */
export const GRADING_METHOD_OPTIONS = (Object.keys(GRADING_METHOD) as GradingMethod[]).map((m) => ({
  value: m,
  label: GRADING_METHOD[m].label,
}));

const REVIEW_TIMING_LABEL: Record<ReviewTiming, string> = {
  IMMEDIATELY: "Immediately after each attempt",
  AFTER_DUE: "After the due date",
  NEVER: "Never (score only)",
};
export const REVIEW_TIMING_OPTIONS = Object.entries(REVIEW_TIMING_LABEL).map(([value, label]) => ({ value, label }));

const NAVIGATION_LABEL: Record<"FREE" | "SEQUENTIAL", string> = {
  FREE: "Free: any question, in any order",
  SEQUENTIAL: "One at a time: no going back",
};
export const NAVIGATION_OPTIONS = Object.entries(NAVIGATION_LABEL).map(([value, label]) => ({ value, label }));

const LAYOUT_LABEL: Record<"all" | "onePerPage", string> = {
  all: "All questions on one page",
  onePerPage: "One question per page",
};
export const LAYOUT_OPTIONS = Object.entries(LAYOUT_LABEL).map(([value, label]) => ({ value, label }));

/** Where a learner stands on one piece of assigned work (the dashboard, the score table, the CSV). */
export type ProgressStatus = "not-started" | "in-progress" | "finished" | "overdue" | "closed";
export const PROGRESS_STATUS_LABEL: Readonly<Record<ProgressStatus, string>> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  finished: "Finished",
  overdue: "Overdue",
  closed: "Closed",
};

/** How one answer was graded; "pending" while an answer waits for grading. */
export const ANSWER_STATUS_LABEL: Readonly<Record<GradeStatus | "pending", string>> = {
  correct: "Correct",
  partial: "Partly correct",
  incorrect: "Incorrect",
  unanswered: "Not answered",
  pending: "Not graded yet",
};

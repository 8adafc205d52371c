"use client";
// The attempt's question panel (Moodle's navigation block): every question with answered / unanswered / flagged (and,
// in practice, right / missed once checked); a button jumps to a question and moves focus to its heading.
import type { GradeStatus } from "@/lib/grading/grade-result";

export type PanelEntry = {
  position: number;
  answered: boolean;
  flagged: boolean;
  checked: GradeStatus | null;
  /** Whether the learner can go there now (not under "one at a time, no going back"). */
  reachable: boolean;
  current: boolean;
};

function describe(e: PanelEntry): string {
  const parts = [e.answered ? "answered" : "unanswered"];
  if (e.checked) parts.push(e.checked === "correct" ? "checked: right" : "checked: missed");
  if (e.flagged) parts.push("flagged");
  if (e.current) parts.push("current");
  return `Question ${e.position + 1}: ${parts.join(", ")}`;
}

const box = "flex h-10 min-w-10 items-center justify-center gap-0.5 rounded border px-2 text-sm tabular-nums";

export function QuestionPanel({ entries, onJump }: { entries: PanelEntry[]; onJump: (position: number) => void }) {
  const answered = entries.filter((e) => e.answered).length;
  const flagged = entries.filter((e) => e.flagged).length;
  return (
    <nav
      aria-labelledby="question-panel-heading"
      className="rounded border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
    >
      <h2 id="question-panel-heading" className="text-base font-semibold">
        Questions
      </h2>
      <p className="text-sm text-stone-600 dark:text-stone-300">
        {answered} of {entries.length} answered{flagged > 0 ? `, ${flagged} flagged` : ""}. Filled: answered; outlined: not yet; ⚑ flagged.
      </p>
      <ul className="mt-2 flex flex-wrap gap-2">
        {entries.map((e) => {
          const look = `${box} ${
            e.answered
              ? "border-brand-700 bg-brand-700 text-white"
              : "border-stone-400 bg-white text-stone-900 dark:bg-stone-900 dark:text-stone-100"
          } ${e.current ? "ring-2 ring-brand-600 ring-offset-2 dark:ring-offset-stone-900" : ""}`;
          const inner = (
            <>
              <span aria-hidden="true">{e.position + 1}</span>
              {e.checked && <span aria-hidden="true">{e.checked === "correct" ? "✓" : "✗"}</span>}
              {e.flagged && <span aria-hidden="true">⚑</span>}
            </>
          );
          return (
            <li key={e.position} data-question-state={e.answered ? "answered" : "unanswered"} data-flagged={e.flagged || undefined}>
              {e.reachable ? (
                <button
                  type="button"
                  className={look}
                  aria-label={describe(e)}
                  aria-current={e.current ? "step" : undefined}
                  onClick={() => onJump(e.position)}
                >
                  {inner}
                </button>
              ) : (
                <span className={`${look} opacity-70`} role="img" aria-label={describe(e)}>
                  {inner}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

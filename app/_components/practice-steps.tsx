"use client";
// Practice's teach-as-you-go controls under one question: a hint from the lesson, "Check" (graded on the server), the
// feedback and explanation of this question once checked, and "Try a similar question" after a miss.
import Link from "@/app/_components/link";
import type { PracticeCheckDTO } from "@/lib/dal/practice-check";
import type { PracticeHintDTO } from "@/lib/quiz/feedback";
import { ANSWER_STATUS_LABEL } from "@/lib/quiz/labels";
import { AnswerKey, STATUS_CLASS } from "./answer-feedback";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const secondary = "rounded border border-stone-400 px-3 py-1.5 text-sm disabled:opacity-60";

export type PracticeStepsProps = {
  position: number;
  answered: boolean;
  checked: PracticeCheckDTO | null;
  hint: PracticeHintDTO | null;
  busy: "check" | "hint" | "similar" | null;
  onCheck: () => void;
  onHint: () => void;
  onSimilar: () => void;
  onGoToSimilar: (position: number) => void;
};

export function PracticeSteps(p: PracticeStepsProps) {
  const missed = p.checked !== null && p.checked.status !== null && p.checked.status !== "correct";
  return (
    <div className="flex flex-col gap-3">
      {p.hint && (
        <aside
          aria-labelledby={`q${p.position}-hint`}
          className="rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-50"
        >
          <h3 id={`q${p.position}-hint`} tabIndex={-1} className="text-sm font-semibold">
            Hint from the lesson: {p.hint.sectionTitle}
          </h3>
          <p className="mt-1">{p.hint.text}</p>
          <p className="mt-1 text-sm">
            <Link href={p.hint.href}>Read the whole section</Link>
          </p>
        </aside>
      )}
      {!p.checked && (
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
            disabled={!p.answered || p.busy !== null}
            onClick={p.onCheck}
          >
            {p.busy === "check" ? "Checking…" : "Check"}
          </button>
          {!p.hint && (
            <button type="button" className={secondary} disabled={p.busy !== null} onClick={p.onHint}>
              {p.busy === "hint" ? "Finding a hint…" : "Show a hint"}
            </button>
          )}
        </div>
      )}
      {p.checked && p.checked.status === null && (
        <p className="text-sm text-stone-700 dark:text-stone-300">
          Checked. Its mark and answer are held back for now: {p.checked.heldReason}
        </p>
      )}
      {p.checked && p.checked.status !== null && p.checked.feedback && (
        <section aria-labelledby={`q${p.position}-result`} className="flex flex-col gap-3">
          <h3
            id={`q${p.position}-result`}
            tabIndex={-1}
            className={`self-start rounded border px-2 py-0.5 text-sm font-semibold ${STATUS_CLASS[p.checked.status]}`}
          >
            {ANSWER_STATUS_LABEL[p.checked.status]} · {fmt(p.checked.points)} / {fmt(p.checked.maxPoints)}
          </h3>
          <AnswerKey answers={p.checked.feedback} topicTitle={p.checked.topicTitle} />
          {missed && (
            <div>
              {p.checked.similarPosition === null ? (
                <button type="button" className={secondary} disabled={p.busy !== null} onClick={p.onSimilar}>
                  {p.busy === "similar" ? "Adding a question…" : "Try a similar question"}
                </button>
              ) : (
                <button type="button" className={secondary} onClick={() => p.onGoToSimilar(p.checked!.similarPosition!)}>
                  Go to the similar question (question {p.checked.similarPosition + 1})
                </button>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}

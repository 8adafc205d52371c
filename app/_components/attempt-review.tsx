// The review of a finished attempt: score per question and per topic, answers, keys and explanations (when allowed),
// each linked to the lesson section and article paragraphs that teach it.
import Link from "@/app/_components/link";
import type { AttemptReviewDTO } from "@/lib/dal/attempts";
import { ANSWER_STATUS_LABEL } from "@/lib/quiz/labels";
import { renderMarkdown } from "@/lib/content/render";
import { MarkdownBlock } from "./question-markdown";
import { AnswerKey, STATUS_CLASS, YourAnswer } from "./answer-feedback";

const pct = (points: number, max: number) => (max > 0 ? Math.round((points / max) * 100) : 0);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function AttemptReview({ attempt }: { attempt: AttemptReviewDTO }) {
  // Only misses the review may show: a hidden result is neither counted nor linked (its key stays held).
  const missed = attempt.items.filter((i) => i.result && i.result.status !== "correct").length;
  return (
    <div className="flex flex-col gap-8">
      <section
        aria-labelledby="score-heading"
        className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="score-heading" className="text-xl font-semibold">
          Your score: {fmt(attempt.points)} / {fmt(attempt.maxPoints)} ({pct(attempt.points, attempt.maxPoints)}%)
        </h2>
        {attempt.byTopic.length > 0 && (
          <table className="mt-3 w-full max-w-lg text-left text-sm">
            <caption className="sr-only">Score by topic</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1">
                  Topic
                </th>
                <th scope="col" className="py-1 pl-4 text-right">
                  Points
                </th>
                <th scope="col" className="py-1 pl-4 text-right">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {attempt.byTopic.map((t) => (
                <tr key={t.topicSlug} className="border-t border-stone-200 dark:border-stone-800">
                  <th scope="row" className="py-1 font-normal">
                    <Link href={`/learn/${t.topicSlug}`}>{t.topicTitle}</Link>
                  </th>
                  <td className="py-1 pl-4 text-right tabular-nums">
                    {fmt(t.points)} / {fmt(t.maxPoints)}
                  </td>
                  <td className="py-1 pl-4 text-right tabular-nums">{pct(t.points, t.maxPoints)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="mt-4 flex flex-wrap gap-3">
          {attempt.practiceTopic && (
            <Link
              href={`/practice/${attempt.practiceTopic}`}
              className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline"
            >
              Practise again
            </Link>
          )}
          {missed > 0 && (
            <Link href={`/review?attempt=${attempt.id}`} className="rounded border border-stone-400 px-4 py-2 no-underline">
              Review missed questions ({missed})
            </Link>
          )}
          <Link href="/dashboard" className="rounded border border-stone-400 px-4 py-2 no-underline">
            Dashboard
          </Link>
        </div>
      </section>

      {attempt.practiceTopic && (attempt.toReview.length > 0 || attempt.items.every((i) => i.result?.status === "correct")) && (
        <section
          aria-labelledby="to-review-heading"
          className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
        >
          <h2 id="to-review-heading" className="text-lg font-semibold">
            What to review
          </h2>
          {attempt.toReview.length === 0 ? (
            <p>Nothing missed this time: every question was right.</p>
          ) : (
            <>
              <p>The lesson sections behind the questions you missed:</p>
              <ul className="mt-1 list-disc pl-6">
                {attempt.toReview.map((s) => (
                  <li key={s.href}>
                    <Link href={s.href}>{s.title}</Link>
                    <span className="text-sm text-stone-600 dark:text-stone-300"> ({s.topicTitle})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {attempt.answersHiddenReason && (
        <p className="rounded border border-stone-300 bg-stone-100 px-3 py-2 dark:border-stone-700 dark:bg-stone-800">
          {attempt.answersHiddenReason}
        </p>
      )}

      <ol className="flex flex-col gap-5">
        {attempt.items.map((item) => (
          <li key={item.position} className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <article aria-labelledby={`review-q${item.position}`} className="flex flex-col gap-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 id={`review-q${item.position}`} className="text-base font-semibold">
                  Question {item.position + 1}
                </h3>
                {item.result && (
                  <span className={`rounded border px-2 py-0.5 text-sm ${STATUS_CLASS[item.result.status]}`}>
                    {ANSWER_STATUS_LABEL[item.result.status]} · {fmt(item.result.points)} / {fmt(item.result.maxPoints)}
                  </span>
                )}
              </div>
              <MarkdownBlock html={renderMarkdown(item.prompt)} className="text-lg" />
              <YourAnswer lines={item.yourAnswer} />
              {item.heldReason && <p className="text-sm text-stone-600 dark:text-stone-300">{item.heldReason}</p>}
              {item.answers && <AnswerKey answers={item.answers} topicTitle={item.topicTitle} />}
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}

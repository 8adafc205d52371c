// The review of a finished attempt: score per question and per topic, answers, keys and explanations (when allowed),
// each linked to the lesson section and article paragraphs that teach it.
import Link from "next/link";
import type { AttemptReviewDTO } from "@/lib/dal/attempts";

const STATUS_LABEL = { correct: "Correct", partial: "Partly correct", incorrect: "Incorrect", unanswered: "Not answered" } as const;
const STATUS_CLASS = {
  correct: "border-green-600 bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100",
  partial: "border-amber-600 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  incorrect: "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
  unanswered: "border-stone-500 bg-stone-100 text-stone-800 dark:bg-stone-800 dark:text-stone-100",
} as const;

const pct = (points: number, max: number) => (max > 0 ? Math.round((points / max) * 100) : 0);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function AttemptReview({ attempt }: { attempt: AttemptReviewDTO }) {
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="score-heading" className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
        <h2 id="score-heading" className="text-xl font-semibold">
          Your score: {fmt(attempt.points)} / {fmt(attempt.maxPoints)} ({pct(attempt.points, attempt.maxPoints)}%)
        </h2>
        <table className="mt-3 w-full max-w-lg text-left text-sm">
          <caption className="sr-only">Score by topic</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1">Topic</th>
              <th scope="col" className="py-1 text-right">Points</th>
              <th scope="col" className="py-1 text-right">Score</th>
            </tr>
          </thead>
          <tbody>
            {attempt.byTopic.map((t) => (
              <tr key={t.topicSlug} className="border-t border-stone-200 dark:border-stone-800">
                <th scope="row" className="py-1 font-normal">
                  <Link href={`/learn/${t.topicSlug}`}>{t.topicTitle}</Link>
                </th>
                <td className="py-1 text-right">
                  {fmt(t.points)} / {fmt(t.maxPoints)}
                </td>
                <td className="py-1 text-right">{pct(t.points, t.maxPoints)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 flex flex-wrap gap-3">
          {attempt.practiceTopic && (
            <Link href={`/practice/${attempt.practiceTopic}`} className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline">
              Practise again
            </Link>
          )}
          <Link href="/review" className="rounded border border-stone-400 px-4 py-2 no-underline">
            Review missed questions
          </Link>
          <Link href="/dashboard" className="rounded border border-stone-400 px-4 py-2 no-underline">
            Dashboard
          </Link>
        </div>
      </section>

      {attempt.answersHiddenReason && (
        <p className="rounded border border-stone-300 bg-stone-100 px-3 py-2 dark:border-stone-700 dark:bg-stone-800">{attempt.answersHiddenReason}</p>
      )}

      <ol className="flex flex-col gap-5">
        {attempt.items.map((item) => (
          <li key={item.position} className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <article aria-labelledby={`review-q${item.position}`} className="flex flex-col gap-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 id={`review-q${item.position}`} className="text-base font-semibold">
                  Question {item.position + 1}
                </h3>
                <span className={`rounded border px-2 py-0.5 text-sm ${STATUS_CLASS[item.status]}`}>
                  {STATUS_LABEL[item.status]} · {fmt(item.points)} / {fmt(item.maxPoints)}
                </span>
              </div>
              <p className="text-lg">{item.prompt}</p>
              <div>
                <p className="text-sm font-semibold">Your answer</p>
                {item.yourAnswer.length ? (
                  <ul className="list-disc pl-6">
                    {item.yourAnswer.map((a, i) => (
                      <li key={i}>{a}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="italic">No answer</p>
                )}
              </div>
              {item.answers && (
                <>
                  <div>
                    <p className="text-sm font-semibold">Correct answer</p>
                    <ul className="list-disc pl-6">
                      {item.answers.key.map((a, i) => (
                        <li key={i}>{a}</li>
                      ))}
                    </ul>
                  </div>
                  {item.answers.options.length > 0 && (
                    <div>
                      <p className="text-sm font-semibold">Why each option is right or wrong</p>
                      <ul className="flex flex-col gap-1">
                        {item.answers.options.map((o, i) => (
                          <li key={i} className="text-sm">
                            <span className="font-medium">
                              {o.correct ? "✓ " : "✗ "}
                              {o.text}
                              {o.chosen ? " (your choice)" : ""}
                            </span>
                            <span className="sr-only">{o.correct ? " — a correct option." : " — an incorrect option."}</span>
                            <br />
                            {o.feedback}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  <div>
                    <p className="text-sm font-semibold">Explanation</p>
                    <p>{item.answers.explanation}</p>
                  </div>
                  <p className="text-sm">
                    <Link href={item.answers.lessonHref}>Read the lesson section on {item.topicTitle}</Link> · draws on article{" "}
                    {item.answers.paragraphs.length > 1 ? "paragraphs" : "paragraph"} {item.answers.paragraphs.join(", ")}
                  </p>
                </>
              )}
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}

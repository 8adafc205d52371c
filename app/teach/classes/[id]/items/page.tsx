// Item statistics for a class's quizzes (Moodle's definitions, lib/stats/item-statistics.ts): quiz-level
// reliability figures and per-question facility, spread, discrimination, flags and option counts.
import Link from "@/app/_components/link";
import { DataTable } from "@/app/_components/data-table";
import { notFound, redirect } from "next/navigation";
import { NotFoundError } from "@/lib/dal/errors";
import { getItemStatistics, type ItemStatisticsDTO, type QuizItemStatisticsDTO } from "@/lib/dal/item-statistics";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import type { Statistic } from "@/lib/stats/item-statistics";
import { MIN_RESPONSES_FOR_VERDICT } from "@/lib/quiz/limits";
import { listBankChoices } from "@/lib/dal/question-banks";
import { DuplicateQuestionForm } from "@/app/teach/bank/_components/bank-forms";

type BankChoices = { id: string; name: string }[];

export const metadata = { title: "Item statistics" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ItemStatisticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const allAttempts = (await searchParams).attempts === "all";
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}/items${allAttempts ? "?attempts=all" : ""}`)}`);
  if (!isInstructor(viewer)) notFound();
  const stats = await getItemStatistics(viewer, id, { allAttempts }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!stats) notFound();
  const banks = await listBankChoices(viewer);
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <p className="text-sm">
          <Link href={`/teach/classes/${id}`}>← Back to the class</Link>
        </p>
        <h1 className="text-2xl font-semibold">Item statistics</h1>
        <p className="max-w-prose">
          Computed from {allAttempts ? "every finished attempt" : "each student's first finished attempt"} at each quiz, as Moodle does.
          Open any number to see its formula and inputs.
        </p>
        <p className="max-w-prose text-sm text-stone-700 dark:text-stone-300">
          Numbers show at any sample size; verdicts such as &ldquo;too hard&rdquo; or &ldquo;check the key&rdquo; only from{" "}
          {MIN_RESPONSES_FOR_VERDICT} responses to a question on. Below that one lucky guess moves the figures a lot, and Moodle&apos;s
          documentation advises caution with small samples.
        </p>
        <nav aria-label="Which attempts" className="flex gap-4">
          {allAttempts ? (
            <Link href={`/teach/classes/${id}/items`}>Use first attempts only</Link>
          ) : (
            <span aria-current="page">First attempts</span>
          )}
          {allAttempts ? (
            <span aria-current="page">All attempts</span>
          ) : (
            <Link href={`/teach/classes/${id}/items?attempts=all`}>Use all attempts</Link>
          )}
        </nav>
      </div>
      {stats.quizzes.length === 0 ? <p>This class has no assignments yet.</p> : null}
      {stats.quizzes.map((quiz) => (
        <QuizSection key={quiz.assignmentId} quiz={quiz} banks={banks} />
      ))}
    </div>
  );
}

function format(stat: Statistic, unit: "%" | "pts"): string {
  if (stat.value === null) return "—";
  return unit === "%" ? `${stat.value.toFixed(1)}%` : stat.value.toFixed(2);
}

/** A number with its formula and inputs one click away (and the reason when it is undefined). */
function StatValue({ stat, unit }: { stat: Statistic; unit: "%" | "pts" }) {
  return (
    <details>
      <summary className="cursor-pointer tabular-nums">{format(stat, unit)}</summary>
      <div className="mt-1 text-xs text-stone-700 dark:text-stone-300">
        <p className="font-mono">{stat.formula}</p>
        {stat.reason ? <p>{stat.reason}</p> : null}
        {Object.keys(stat.inputs).length > 0 ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-2">
            {Object.entries(stat.inputs).map(([k, v]) => (
              <div key={k} className="contents">
                <dt>{k}</dt>
                <dd className="tabular-nums">{Number.isInteger(v) ? v : v.toFixed(4)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </details>
  );
}

function QuizSection({ quiz, banks }: { quiz: QuizItemStatisticsDTO; banks: BankChoices }) {
  const headingId = `quiz-${quiz.assignmentId}`;
  const q = quiz.quiz;
  const rows: [string, Statistic, "%" | "pts"][] = [
    ["Mean total", q.mean, "pts"],
    ["Median total", q.median, "pts"],
    ["Standard deviation", q.standardDeviation, "pts"],
    ["Coefficient of internal consistency (Cronbach's α)", q.cic, "%"],
    ["Error ratio", q.errorRatio, "%"],
    ["Standard error", q.standardError, "pts"],
  ];
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h2 id={headingId} className="text-xl font-semibold">
        {quiz.quizTitle}
      </h2>
      <table className="w-full max-w-2xl border-collapse text-left">
        <caption className="text-left text-sm text-stone-600 dark:text-stone-300">
          Quiz statistics: {q.attemptCount} attempt{q.attemptCount === 1 ? "" : "s"}, {q.itemCount} question{q.itemCount === 1 ? "" : "s"}
          {q.maxTotal !== null ? `, out of ${q.maxTotal} points` : ""}
        </caption>
        <tbody>
          <tr className="border-b border-stone-200 dark:border-stone-800">
            <th scope="row" className="py-2 pr-4 font-normal">
              Attempts analysed
            </th>
            <td className="py-2 tabular-nums">{q.attemptCount}</td>
          </tr>
          {rows.map(([label, stat, unit]) => (
            <tr key={label} className="border-b border-stone-200 align-top dark:border-stone-800">
              <th scope="row" className="py-2 pr-4 font-normal">
                {label}
              </th>
              <td className="py-2">
                <StatValue stat={stat} unit={unit} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {quiz.items.length === 0 ? (
        <p>No finished attempts yet.</p>
      ) : (
        <DataTable
          caption={`${quiz.quizTitle}: statistics per question`}
          showCaption
          columns={[
            { label: "Question" },
            { label: "n" },
            { label: "Facility" },
            { label: "SD" },
            { label: "Discrimination" },
            { label: "Discriminative efficiency" },
            { label: "Flags" },
            { label: "Options chosen" },
          ]}
        >
          {quiz.items.map((item) => (
            <ItemRow key={item.itemKey} item={item} banks={banks} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ItemRow({ item, banks }: { item: ItemStatisticsDTO; banks: BankChoices }) {
  return (
    <tr className="border-b border-stone-200 align-top dark:border-stone-800">
      <th scope="row" className="max-w-xs py-2 pr-3 font-normal">
        {item.prompt}
        <span className="block text-xs text-stone-600 dark:text-stone-300">
          {item.topicTitle} · {item.itemKey} · max {item.maxScore} ·{" "}
          {item.versions.length === 1 ? `version ${item.versions[0]}` : `versions ${item.versions.join(", ")}`}
        </span>
        {item.question?.bankId ? (
          <Link href={`/teach/bank/${item.question.bankId}/questions/${item.question.id}`} className="text-sm">
            Fix this item<span className="sr-only"> ({item.itemKey})</span>
          </Link>
        ) : item.question ? (
          <DuplicateQuestionForm questionId={item.question.id} questionKey={item.itemKey} banks={banks} />
        ) : null}
      </th>
      <td className="py-2 pr-3 tabular-nums">{item.n}</td>
      <td className="py-2 pr-3">
        <StatValue stat={item.facilityIndex} unit="%" />
      </td>
      <td className="py-2 pr-3">
        <StatValue stat={item.standardDeviation} unit="%" />
      </td>
      <td className="py-2 pr-3">
        <StatValue stat={item.discriminationIndex} unit="%" />
      </td>
      <td className="py-2 pr-3">
        <StatValue stat={item.discriminativeEfficiency} unit="%" />
      </td>
      <td className="py-2 pr-3">
        {item.smallSample ? (
          <p className="mb-1 text-xs text-stone-700 dark:text-stone-300">
            Small sample ({item.n} of {MIN_RESPONSES_FOR_VERDICT} responses needed): no verdict yet.
          </p>
        ) : null}
        {item.flags.length === 0 ? (
          item.smallSample ? null : (
            "none"
          )
        ) : (
          <ul className="flex flex-col gap-1">
            {item.flags.map((f) => (
              <li key={f.code}>
                <strong className="font-medium">{f.code.replace(/-/g, " ")}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="py-2">
        {item.distractors ? (
          <ul className="flex flex-col gap-1">
            {item.distractors.map((d) => (
              <li key={d.optionId}>
                {d.correct ? <strong className="font-medium">✓ key: </strong> : null}
                {d.text} —{" "}
                <span className="tabular-nums">
                  {d.count}
                  {d.percentOfAttempts !== null ? ` (${d.percentOfAttempts.toFixed(0)}%)` : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          "not a choice question"
        )}
      </td>
    </tr>
  );
}

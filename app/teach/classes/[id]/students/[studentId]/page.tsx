// One student's results in one class, for its instructors: per-topic scores, the grade of each assignment, and
// every attempt with each question's answer, key and score.
import Link from "@/app/_components/link";
import { DataTable } from "@/app/_components/data-table";
import { notFound, redirect } from "next/navigation";
import { NotFoundError } from "@/lib/dal/errors";
import { getStudentAttemptsForInstructor, type InstructorAttemptDTO } from "@/lib/dal/student-attempts";
import { ANSWER_STATUS_LABEL, gradingMethodPhrase } from "@/lib/quiz/labels";
import { SCORE_STATUS_LABELS } from "@/lib/stats/score-format";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { When } from "@/app/_components/when";

export const metadata = { title: "Student results" };

const pct = (p: number | null | undefined) => (p === null || p === undefined ? "—" : `${p.toFixed(1)}%`);

export default async function StudentResultsPage({ params }: { params: Promise<{ id: string; studentId: string }> }) {
  const raw = await params;
  const id = parseRouteId(raw.id);
  const studentId = parseRouteId(raw.studentId);
  if (!id || !studentId) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}/students/${studentId}`)}`);
  if (!isInstructor(viewer)) notFound();
  const data = await getStudentAttemptsForInstructor(viewer, id, studentId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!data) notFound();
  const { student, summary } = data;
  return (
    <div className="flex flex-col gap-8">
      <div>
        <p className="text-sm">
          <Link href={`/teach/classes/${id}`}>← Back to the class</Link>
        </p>
        <h1 className="text-2xl font-semibold">{student.name}</h1>
        <p className="text-stone-600 dark:text-stone-300">
          {student.email} · {SCORE_STATUS_LABELS[summary.status]} · {summary.attemptsUsed} attempt{summary.attemptsUsed === 1 ? "" : "s"} ·
          overall {pct(summary.overallPercent)}
        </p>
      </div>

      <section aria-labelledby="topics-heading" className="flex flex-col gap-3">
        <h2 id="topics-heading" className="text-xl font-semibold">
          Per topic
        </h2>
        <table className="w-full max-w-xl border-collapse text-left">
          <caption className="sr-only">{student.name}: score per topic</caption>
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-700">
              <th scope="col" className="py-2 pr-4">
                Topic
              </th>
              <th scope="col" className="py-2 text-right">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {data.topics.map((t) => (
              <tr key={t.slug} id={`topic-${t.slug}`} className="border-b border-stone-200 dark:border-stone-800">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {t.title}
                </th>
                <td className="py-2 text-right tabular-nums">{pct(summary.topicPercents[t.slug])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="assignments-heading" className="flex flex-col gap-3">
        <h2 id="assignments-heading" className="text-xl font-semibold">
          Assignments
        </h2>
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{student.name}: grade per assignment</caption>
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-700">
              <th scope="col" className="py-2 pr-4">
                Quiz
              </th>
              <th scope="col" className="py-2 pr-4">
                Counts
              </th>
              <th scope="col" className="py-2 text-right">
                Grade
              </th>
            </tr>
          </thead>
          <tbody>
            {data.assignments.map((a) => (
              <tr key={a.id} className="border-b border-stone-200 dark:border-stone-800">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {a.quizTitle}
                </th>
                <td className="py-2 pr-4">{gradingMethodPhrase(a.gradingMethod)}</td>
                <td className="py-2 text-right tabular-nums">{pct(a.gradePercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="attempts-heading" className="flex flex-col gap-4">
        <h2 id="attempts-heading" className="text-xl font-semibold">
          Attempts ({data.attempts.length})
        </h2>
        {data.attempts.length === 0 ? <p>{student.name} has not started any of this class&apos;s quizzes yet.</p> : null}
        {data.attempts.map((a) => (
          <AttemptDetails key={a.id} attempt={a} zone={viewer.timeZone} />
        ))}
      </section>
    </div>
  );
}

function AttemptDetails({ attempt: a, zone }: { attempt: InstructorAttemptDTO; zone: string | null | undefined }) {
  const heading = `${a.quizTitle}, attempt ${a.number}`;
  return (
    <details className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
      <summary className="cursor-pointer">
        <span className="font-medium">{heading}</span>{" "}
        <span className="text-stone-600 dark:text-stone-300">
          —{" "}
          {a.status === "IN_PROGRESS"
            ? "in progress"
            : a.status === "ABANDONED"
              ? "abandoned"
              : `${pct(a.percent)} (${a.points ?? "—"} / ${a.maxPoints ?? "—"})`}
          , started <When date={new Date(a.startedAt)} now={new Date(a.startedAt)} zone={zone} style="datetime" />
          {a.finishedAt ? (
            <>
              , submitted <When date={new Date(a.finishedAt)} now={new Date(a.finishedAt)} zone={zone} style="datetime" />
            </>
          ) : null}
        </span>
      </summary>
      {a.status === "IN_PROGRESS" ? (
        <p className="mt-3">
          Still open: {a.savedAnswers} answer{a.savedAnswers === 1 ? "" : "s"} saved so far. Answers appear here once it is submitted.
        </p>
      ) : (
        <DataTable
          className="mt-3"
          caption={`${heading}: answers and scores per question`}
          columns={[{ label: "#" }, { label: "Question" }, { label: "Answer given" }, { label: "Key" }, { label: "Score", align: "right" }]}
        >
          {a.items.map((i) => (
            <tr key={i.position} className="border-b border-stone-200 align-top dark:border-stone-800">
              <th scope="row" className="py-2 pr-3 font-normal tabular-nums">
                {i.position + 1}
              </th>
              <td className="py-2 pr-3">
                {i.prompt}
                <span className="block text-xs text-stone-600 dark:text-stone-300">{i.topicTitle}</span>
              </td>
              <td className="py-2 pr-3">
                {i.answer.length ? (
                  i.answer.map((line, n) => (
                    <span key={n} className="block">
                      {line}
                    </span>
                  ))
                ) : (
                  <em>no answer</em>
                )}
              </td>
              <td className="py-2 pr-3">
                {i.key.map((line, n) => (
                  <span key={n} className="block">
                    {line}
                  </span>
                ))}
              </td>
              <td className="py-2 text-right tabular-nums">
                {i.points ?? "—"} / {i.maxPoints}
                <span className="block text-xs">{ANSWER_STATUS_LABEL[i.status]}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </details>
  );
}

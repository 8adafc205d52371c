// The class page's results section: per-topic score table, class charts, and links to the full CSV and item statistics.
import Link from "@/app/_components/link";
import { getClassScorePage } from "@/lib/dal/score-table";
import type { Viewer } from "@/lib/dal/viewer";
import { gradingMethodPhrase } from "@/lib/quiz/labels";
import type { ScoreTableQuery } from "@/lib/stats/score-table-query";
import { ClassCharts } from "./class-charts";
import { ScoreTable } from "./score-table";
import { scoresCsvFileName } from "@/lib/stats/score-format";

export async function ScoreSection({
  viewer,
  classId,
  className,
  query,
}: {
  viewer: Viewer;
  classId: string;
  className: string;
  query: ScoreTableQuery;
}) {
  // One page of rows (the server sorts, filters and pages), plus chart data aggregated over the whole class.
  const table = await getClassScorePage(viewer, classId, query);
  const { summary } = table;
  return (
    <section aria-labelledby="scores-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
        <h2 id="scores-heading" className="text-xl font-semibold">
          Scores by topic
        </h2>
        {/* No download when the search matched nobody: the page would offer a file it does not show. */}
        {table.matching > 0 && table.classSize > 0 && (
          <a href={`/teach/classes/${classId}/scores.csv`} download={scoresCsvFileName(className, new Date(), viewer.timeZone)}>
            Download the full table (CSV)
          </a>
        )}
        <Link href={`/teach/classes/${classId}/items`}>Item statistics</Link>
      </div>
      {table.assignments.length === 0 ? (
        <p>Assign a quiz to see scores here.</p>
      ) : table.classSize === 0 ? (
        <p>No students yet. Scores appear here once students join and finish quizzes.</p>
      ) : (
        <>
          <details className="text-sm">
            <summary className="cursor-pointer">How these scores are worked out</summary>
            <div className="mt-2 flex max-w-prose flex-col gap-2">
              <p>
                Each assignment counts the attempts its grading method picks:{" "}
                {table.assignments.map((a) => `${a.quizTitle} — ${gradingMethodPhrase(a.gradingMethod)}`).join("; ")}. Only submitted
                attempts count.
              </p>
              <p>
                A topic score is the share of points earned on that topic&apos;s questions in those attempts (for &ldquo;average&rdquo;, the
                mean over the attempts), pooled across quizzes by how many points each asked about the topic. Overall is the mean of the
                assignment grades a student has so far.
              </p>
            </div>
          </details>
          <ScoreTable
            classId={classId}
            topics={table.topics}
            rows={table.rows}
            rowCount={table.matching}
            classSize={table.classSize}
            query={table.query}
            zone={viewer.timeZone}
          />
          <ClassCharts
            mastery={summary.mastery.map((m) => ({ title: m.title, meanPercent: m.meanPercent, students: m.students }))}
            histogram={summary.histogram.map((b) => ({ label: b.label, count: b.count }))}
            gradedStudents={summary.gradedStudents}
          />
        </>
      )}
    </section>
  );
}

// Canvas-like statuses per assignment, counted over the class's students: submitted, late, missing, open, not started.
import Link from "@/app/_components/link";
import { When } from "@/app/_components/when";
import { getAssignmentStatusCounts } from "@/lib/dal/assignment-status";
import type { Viewer } from "@/lib/dal/viewer";

export async function AssignmentStatusTable({ viewer, classId, now }: { viewer: Viewer; classId: string; now: Date }) {
  const rows = await getAssignmentStatusCounts(viewer, classId, now);
  return (
    <section aria-labelledby="status-heading" className="flex flex-col gap-3">
      <h2 id="status-heading" className="text-xl font-semibold">
        Who has handed in what
      </h2>
      {rows.length === 0 ? (
        <p>
          Nothing is assigned yet. <Link href={`/teach/classes/${classId}/assignments`}>Assign a quiz</Link>.
        </p>
      ) : (
        <>
          <p className="max-w-prose text-sm text-stone-600 dark:text-stone-300">
            Submitted: finished by the student&apos;s due date (with the grace period). Late: finished after it. Missing: past due with
            nothing finished or open. Each student&apos;s own due date counts when you gave them one.
          </p>
          <div className="relative overflow-x-auto rounded border border-stone-200 dark:border-stone-800">
            <table className="w-full border-collapse text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:text-right [&_td]:tabular-nums [&_th]:px-3 [&_th]:py-2 [&_tbody_tr]:border-t [&_tbody_tr]:border-stone-200 dark:[&_tbody_tr]:border-stone-800">
              <caption className="sr-only">Students per status, for each assignment</caption>
              <thead className="bg-stone-100 dark:bg-stone-800">
                <tr>
                  <th scope="col">Assignment</th>
                  <th scope="col">Due</th>
                  <th scope="col" className="text-right">
                    Submitted
                  </th>
                  <th scope="col" className="text-right">
                    Late
                  </th>
                  <th scope="col" className="text-right">
                    Missing
                  </th>
                  <th scope="col" className="text-right">
                    In progress
                  </th>
                  <th scope="col" className="text-right">
                    Not started
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.assignmentId}>
                    <th scope="row" className="font-medium">
                      {r.quizTitle}
                    </th>
                    <td className="!text-left whitespace-nowrap">
                      {r.dueAt ? <When date={r.dueAt} now={now} zone={viewer.timeZone} /> : "no due date"}
                    </td>
                    <td>
                      {r.submitted} of {r.students}
                    </td>
                    <td>{r.late}</td>
                    <td className={r.missing > 0 ? "font-semibold text-red-800 dark:text-red-300" : undefined}>{r.missing}</td>
                    <td>{r.open}</td>
                    <td>{r.notStarted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

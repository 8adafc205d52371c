import { notFound, redirect } from "next/navigation";
import Link from "@/app/_components/link";
import { getViewer } from "@/lib/dal/viewer";
import { NotFoundError } from "@/lib/dal/errors";
import { getScoreSyncStatus } from "@/lib/dal/lti/scores";
import { parseRouteId } from "@/lib/validation/route-params";
import { ResendScoreButton } from "./resend-button";

export const metadata = { title: "Grades sent to your LMS" };

const STATUS = { sent: "Sent", pending: "Pending", failed: "Failed" } as const;

/** Instructors of the class: per-student grade passback status (LTI AGS), with the platform's reason and a resend. */
export default async function LtiSyncPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}/lti`)}`);
  // No global-role check: an instructor from an LTI launch teaches this class only, and the DAL scopes by that.
  const rows = await getScoreSyncStatus(viewer, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!rows) notFound();
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href={`/teach/classes/${id}`}>Back to the class</Link>
      </p>
      <h1 className="text-2xl font-semibold">Grades sent to your LMS</h1>
      <section aria-labelledby="csv-heading" className="flex flex-col gap-2">
        <h2 id="csv-heading" className="text-xl font-semibold">
          Gradebook file for your LMS
        </h2>
        <p>Download a CSV your LMS&apos;s grade import accepts (points per quiz; blank where a student has no grade yet).</p>
        <ul className="flex flex-wrap gap-4">
          <li>
            <a href={`/teach/classes/${id}/scores.csv?preset=canvas`} download>
              Canvas gradebook CSV
            </a>
          </li>
          <li>
            <a href={`/teach/classes/${id}/scores.csv?preset=moodle`} download>
              Moodle grade import CSV
            </a>
          </li>
          <li>
            <a href={`/teach/classes/${id}/scores.csv`} download>
              Koza&apos;s full score table
            </a>
          </li>
        </ul>
      </section>
      {rows.length === 0 ? (
        <p>No grade has been sent yet. Grades go to the LMS gradebook when students finish quizzes opened from the course.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Grade passback status per student and quiz</caption>
            <thead>
              <tr>
                <th scope="col" className="p-2">
                  Student
                </th>
                <th scope="col" className="p-2">
                  Quiz
                </th>
                <th scope="col" className="p-2">
                  Score
                </th>
                <th scope="col" className="p-2">
                  Status
                </th>
                <th scope="col" className="p-2">
                  Reason
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-stone-200 dark:border-stone-800">
                  <td className="p-2">{r.studentName}</td>
                  <td className="p-2">{r.quizTitle}</td>
                  <td className="p-2">
                    {r.scoreGiven} / {r.scoreMaximum}
                  </td>
                  <td className="p-2">{STATUS[r.status]}</td>
                  <td className="p-2 break-all">{r.reason ?? ""}</td>
                  <td className="p-2">
                    <ResendScoreButton classId={id} syncId={r.id} label={`${r.studentName}, ${r.quizTitle}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

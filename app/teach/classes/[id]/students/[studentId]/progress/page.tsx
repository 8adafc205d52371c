// One student's mastery per topic and score history, for an instructor of a class the student is in.
import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { NotFoundError } from "@/lib/dal/errors";
import { getStudentProgressForInstructor } from "@/lib/dal/progress";
import { parseRouteId } from "@/lib/validation/route-params";
import { getViewer } from "@/lib/dal/viewer";
import { ProgressTopics } from "@/app/_components/progress-topics";
import { HistoryChart } from "@/app/_components/history-chart";

export const metadata = { title: "Student progress" };

export default async function StudentProgressPage({ params }: { params: Promise<{ id: string; studentId: string }> }) {
  const raw = await params;
  const id = parseRouteId(raw.id);
  const studentId = parseRouteId(raw.studentId);
  if (!id || !studentId) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/classes/${id}/students/${studentId}/progress`)}`);
  const progress = await getStudentProgressForInstructor(viewer, id, studentId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!progress) notFound();
  return (
    <div className="flex flex-col gap-8">
      <div>
        <p className="text-sm">
          <Link href={`/teach/classes/${id}`}>← Back to {progress.className}</Link> ·{" "}
          <Link href={`/teach/classes/${id}/students/${studentId}`}>{progress.student.name}&rsquo;s results</Link>
        </p>
        <h1 className="text-2xl font-semibold">{progress.student.name}: progress</h1>
        <p className="text-stone-600 dark:text-stone-300">
          Mastery counts every finished quiz and spaced review, practice included ({progress.finishedAttempts} finished attempt
          {progress.finishedAttempts === 1 ? "" : "s"}). The next-step lines are what the student sees.
        </p>
      </div>
      <ProgressTopics topics={progress.topics} audience="instructor" />
      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          Scores over time
        </h2>
        <HistoryChart
          history={progress.history}
          caption={`${progress.student.name}'s score per topic, by finished attempt`}
          emptyText="No finished quizzes yet."
        />
      </section>
    </div>
  );
}

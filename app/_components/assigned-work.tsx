// The student's assigned quizzes across their classes: dates that apply to them, status, attempts, score, and
// the button to start or continue. A server component; the dashboard places it.
import Link from "@/app/_components/link";
import { listMyAssignments, type MyAssignmentDTO, type MyAssignmentStatus } from "@/lib/dal/assignments";
import type { Viewer } from "@/lib/dal/viewer";
import { PROGRESS_STATUS_LABEL, gradingMethodWord } from "@/lib/quiz/labels";
import { buttonClass } from "./form-fields";
import { StartAssignmentForm } from "./start-forms";

// Rendered on the server, which does not know the student's zone: dates say UTC explicitly.
const dateFormat = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

const STATUS_CLASS: Record<MyAssignmentStatus, string> = {
  "not-started": "border-stone-400 text-stone-800 dark:text-stone-200",
  "in-progress": "border-blue-600 text-blue-800 dark:text-blue-300",
  finished: "border-green-700 text-green-800 dark:text-green-300",
  overdue: "border-amber-600 text-amber-800 dark:text-amber-300",
  closed: "border-stone-500 text-stone-600 dark:text-stone-400",
};

function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}

function Action({ a }: { a: MyAssignmentDTO }) {
  if (a.openAttemptId)
    return (
      <Link href={`/attempts/${a.openAttemptId}`} className={`${buttonClass} no-underline`}>
        Continue<span className="sr-only"> {a.quizTitle}</span>
      </Link>
    );
  if (a.startBlockedReason) return <p className="text-sm text-stone-600 dark:text-stone-300">{a.startBlockedReason}</p>;
  return <StartAssignmentForm assignmentId={a.id} label={a.attemptsUsed === 0 ? "Start" : "Start another attempt"} />;
}

export async function AssignedWork({ viewer }: { viewer: Viewer }) {
  const assignments = await listMyAssignments(viewer);
  return (
    <section aria-labelledby="assigned-work-heading" className="flex flex-col gap-3">
      <h2 id="assigned-work-heading" className="text-xl font-semibold">
        Assigned work
      </h2>
      {assignments.length === 0 ? (
        <p>Nothing is assigned to you yet. When your instructor assigns a quiz, it appears here with its due date.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {assignments.map((a) => (
            <li key={a.id} className="flex flex-col gap-2 rounded border border-stone-300 p-4 dark:border-stone-700">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="text-lg font-semibold">{a.quizTitle}</h3>
                <span className={`rounded border px-2 py-0.5 text-sm ${STATUS_CLASS[a.status]}`}>{PROGRESS_STATUS_LABEL[a.status]}</span>
              </div>
              <p className="text-sm text-stone-600 dark:text-stone-300">{a.className}</p>
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                {a.openAt && a.openAt > new Date() && (
                  <>
                    <dt className="font-medium">Opens</dt>
                    <dd>
                      <When date={a.openAt} />
                    </dd>
                  </>
                )}
                <dt className="font-medium">Due</dt>
                <dd>{a.dueAt ? <When date={a.dueAt} /> : "no due date"}</dd>
                {a.closeAt && (
                  <>
                    <dt className="font-medium">Closes</dt>
                    <dd>
                      <When date={a.closeAt} />
                    </dd>
                  </>
                )}
                <dt className="font-medium">Time limit</dt>
                <dd>{a.timeLimitMinutes ? `${a.timeLimitMinutes} minutes` : "none"}</dd>
                <dt className="font-medium">Attempts</dt>
                <dd>
                  {a.attemptsUsed} used of {a.attemptsAllowed ?? "unlimited"}
                </dd>
                <dt className="font-medium">Score</dt>
                <dd>
                  {a.score === null
                    ? "—"
                    : `${Math.round(a.score * 100)}%${a.finishedAttempts > 1 ? ` (${gradingMethodWord(a.gradingMethod)} of ${a.finishedAttempts} attempts)` : ""}`}
                </dd>
              </dl>
              <div>
                <Action a={a} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

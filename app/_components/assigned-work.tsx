// The student's assigned quizzes across their classes: dates that apply to them, status, attempts, score, and
// the button to start or continue. A server component; the dashboard places it.
import Link from "@/app/_components/link";
import { listMyAssignments, type MyAssignmentDTO, type MyAssignmentStatus } from "@/lib/dal/assignments";
import type { Viewer } from "@/lib/dal/viewer";
import { PROGRESS_STATUS_LABEL, gradingMethodWord } from "@/lib/quiz/labels";
import { buttonClass } from "./form-fields";
import { When } from "./when";
import { formatDuration } from "@/lib/dates/format";

const STATUS_CLASS: Record<MyAssignmentStatus, string> = {
  "not-started": "border-stone-400 text-stone-800 dark:text-stone-200",
  "in-progress": "border-blue-600 text-blue-800 dark:text-blue-300",
  finished: "border-green-700 text-green-800 dark:text-green-300",
  overdue: "border-amber-600 text-amber-800 dark:text-amber-300",
  closed: "border-stone-500 text-stone-600 dark:text-stone-400",
};

/**
 * The one button per assignment: Continue an open attempt (with its time left), or open the start page, which states
 * the rules and starts the clock only on "Start attempt".
 */
function Action({ a, now, zone }: { a: MyAssignmentDTO; now: Date; zone: string | null | undefined }) {
  if (a.openAttemptId)
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/attempts/${a.openAttemptId}`} className={`${buttonClass} no-underline`}>
          Continue<span className="sr-only"> {a.quizTitle}</span>
        </Link>
        {a.openAttemptEndsAt && (
          <p className="text-sm" data-testid="time-left">
            {formatDuration(a.openAttemptEndsAt.getTime() - now.getTime())} left (ends{" "}
            <When date={a.openAttemptEndsAt} now={now} zone={zone} />)
          </p>
        )}
      </div>
    );
  if (a.startBlockedReason) return <p className="text-sm text-stone-600 dark:text-stone-300">{a.startBlockedReason}</p>;
  return (
    <Link href={`/assignments/${a.id}`} className={`${buttonClass} no-underline`}>
      {a.attemptsUsed === 0 ? "Start" : "Start another attempt"}
      <span className="sr-only"> {a.quizTitle}</span>
    </Link>
  );
}

export async function AssignedWork({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  const assignments = await listMyAssignments(viewer, now);
  const zone = viewer.timeZone;
  return (
    <section id="assigned-work" aria-labelledby="assigned-work-heading" className="flex flex-col gap-3">
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
                {a.openAt && a.openAt > now && (
                  <>
                    <dt className="font-medium">Opens</dt>
                    <dd>
                      <When date={a.openAt} now={now} zone={zone} />
                    </dd>
                  </>
                )}
                <dt className="font-medium">Due</dt>
                <dd>{a.dueAt ? <When date={a.dueAt} now={now} zone={zone} /> : "no due date"}</dd>
                {a.closeAt && (
                  <>
                    <dt className="font-medium">Closes</dt>
                    <dd>
                      <When date={a.closeAt} now={now} zone={zone} />
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
                <Action a={a} now={now} zone={zone} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

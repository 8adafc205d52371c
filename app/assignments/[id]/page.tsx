import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/lib/dal/viewer";
import { getMyAssignment, type MyAssignmentDTO } from "@/lib/dal/assignments";
import { NotFoundError } from "@/lib/dal/errors";
import { formatDuration } from "@/lib/dates/format";
import { parseRouteId } from "@/lib/validation/route-params";
import { StartAssignmentForm } from "@/app/_components/start-forms";
import { When } from "@/app/_components/when";
import { buttonClass } from "@/app/_components/form-fields";

export const metadata = { title: "Start a quiz" };

/** What the student will see after submitting, in the assignment's own terms. */
function reviewPolicy(a: MyAssignmentDTO, now: Date, zone: string | null | undefined) {
  switch (a.reviewTiming) {
    case "IMMEDIATELY":
      return "Your score, the right answers and explanations as soon as you submit.";
    case "AFTER_DUE":
      return a.dueAt ? (
        <>
          Your score when you submit; the right answers and explanations after the due date (<When date={a.dueAt} now={now} zone={zone} />
          ).
        </>
      ) : (
        "Your score, the right answers and explanations as soon as you submit."
      );
    case "NEVER":
      return "Only your total score: no results per question, answers or explanations.";
  }
}

/**
 * The start page of an assigned quiz: its rules stated before anything begins (time limit, attempts left, due date,
 * review policy). The clock starts on "Start attempt" here, never on the dashboard.
 */
export default async function AssignmentStartPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRouteId((await params).id);
  if (!id) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/assignments/${id}`)}`);
  const now = new Date();
  const a = await getMyAssignment(viewer, id, now).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const zone = viewer.timeZone;
  return (
    <div className="flex max-w-2xl flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold">{a.quizTitle}</h1>
        <p className="text-stone-600 dark:text-stone-300">{a.className}</p>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
        <dt className="font-medium">Time limit</dt>
        <dd data-testid="time-limit">
          {a.timeLimitMinutes ? `${formatDuration(a.timeLimitMinutes * 60_000)}, counted from when you press Start attempt` : "None"}
        </dd>
        <dt className="font-medium">Attempts left</dt>
        <dd data-testid="attempts-left">{a.attemptsLeft === null ? "Unlimited" : `${a.attemptsLeft} of ${a.attemptsAllowed}`}</dd>
        <dt className="font-medium">Due</dt>
        <dd>{a.dueAt ? <When date={a.dueAt} now={now} zone={zone} /> : "No due date"}</dd>
        {a.closeAt && (
          <>
            <dt className="font-medium">Closes</dt>
            <dd>
              <When date={a.closeAt} now={now} zone={zone} />
            </dd>
          </>
        )}
        <dt className="font-medium">After you submit</dt>
        <dd data-testid="review-policy">{reviewPolicy(a, now, zone)}</dd>
        {a.navigation === "SEQUENTIAL" && (
          <>
            <dt className="font-medium">Navigation</dt>
            <dd>One question at a time, with no going back.</dd>
          </>
        )}
      </dl>
      {a.openAttemptId ? (
        <div className="flex flex-col gap-2">
          <p>
            You have an attempt in progress
            {a.openAttemptEndsAt ? `, with ${formatDuration(a.openAttemptEndsAt.getTime() - now.getTime())} left` : ""}.
          </p>
          <p>
            <Link href={`/attempts/${a.openAttemptId}`} className={`${buttonClass} no-underline`}>
              Continue<span className="sr-only"> {a.quizTitle}</span>
            </Link>
          </p>
        </div>
      ) : a.startBlockedReason ? (
        <p role="status">{a.startBlockedReason}</p>
      ) : (
        <div className="flex flex-col gap-2">
          <p>
            {a.timeLimitMinutes
              ? `The clock starts when you press Start attempt: you then have ${formatDuration(a.timeLimitMinutes * 60_000)}. Answers save as you go; when time is up, what you saved is submitted.`
              : "Answers save as you go, and you can come back to an attempt until you submit it."}
          </p>
          <StartAssignmentForm assignmentId={a.id} label="Start attempt" />
        </div>
      )}
      <p>
        <Link href="/dashboard">Back to your dashboard</Link>
      </p>
    </div>
  );
}

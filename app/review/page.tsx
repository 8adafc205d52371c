import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/lib/dal/viewer";
import { describeWhen, getReviewSession, getReviewSummary, type ReviewSessionDTO, type ReviewSummaryDTO } from "@/lib/dal/review";
import { getMyRetentionForecast } from "@/lib/dal/progress";
import { NotFoundError } from "@/lib/dal/errors";
import { parseRouteId } from "@/lib/validation/route-params";
import { ReviewSession } from "@/app/_components/review-session";
import { ProgressForecasts } from "@/app/_components/progress-forecasts";
import { buttonClass } from "@/app/_components/form-fields";

export const metadata = { title: "Review" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DAY_MS = 86_400_000;

/** The session's start from the URL (ms since the epoch), if it is a plausible one: within the last day, not ahead. */
function parseSince(raw: unknown, now: Date): Date | null {
  if (typeof raw !== "string" || !/^\d{1,15}$/.test(raw)) return null;
  const ms = Number(raw);
  return ms <= now.getTime() && now.getTime() - ms <= DAY_MS ? new Date(ms) : null;
}

/**
 * Spaced review. A session starts when due cards are first shown ("Next question" carries its start in the URL)
 * and ends with a summary: reviewed, right, next due. `?attempt=<id>` limits the session to that finished
 * attempt's missed questions, whenever they fall due.
 */
export default async function ReviewPage({ searchParams }: { searchParams?: SearchParams } = {}) {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent("/review")}`);
  const params = (await searchParams) ?? {};
  const now = new Date();
  const attemptId = params.attempt === undefined ? undefined : parseRouteId(params.attempt);
  if (attemptId === null) notFound();
  const since = parseSince(params.since, now);
  const [session, forecasts] = await Promise.all([
    getReviewSession(viewer, now, { attemptId }).catch((e: unknown) => {
      if (e instanceof NotFoundError) notFound();
      throw e;
    }),
    getMyRetentionForecast(viewer, now),
  ]);
  // A missed-questions session counts from the attempt's end; an ordinary one from when its first card was shown,
  // carried in the URL by "Next question".
  const nextHref = attemptId ? `/review?attempt=${attemptId}` : `/review?since=${(since ?? now).getTime()}`;
  const summary = !session.card && (attemptId || since) ? await getReviewSummary(viewer, since ?? new Date(0), { attemptId }) : null;
  const zone = viewer.timeZone;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{session.scope ? `Missed questions: ${session.scope.quizTitle}` : "Spaced review"}</h1>
        {session.scope ? (
          <p>
            The questions you did not get fully right in this attempt, one at a time, even before they are due. Each answer also moves its
            spaced-review schedule. <Link href={`/attempts/${session.scope.attemptId}`}>Back to the attempt</Link>
          </p>
        ) : (
          <p>
            Every question you answer comes back just before you are likely to forget it: sooner when you missed it, later when you knew it
            (scheduled with FSRS). Answer, check, and read why.
          </p>
        )}
      </div>
      {session.skippedRetired > 0 && (
        <p role="status" className="rounded border border-stone-300 bg-stone-100 px-3 py-2 dark:border-stone-700 dark:bg-stone-800">
          {session.skippedRetired} due question{session.skippedRetired === 1 ? " was" : "s were"} skipped because{" "}
          {session.skippedRetired === 1 ? "it has" : "they have"} been retired from the course.
        </p>
      )}
      {session.heldBack > 0 && (
        <div role="status" className="rounded border border-stone-300 bg-stone-100 px-3 py-2 dark:border-stone-700 dark:bg-stone-800">
          <p>
            {session.heldBack} {session.scope ? "missed" : "due"} question{session.heldBack === 1 ? " waits" : "s wait"} because{" "}
            {session.heldBack === 1 ? "it belongs" : "they belong"} to a graded quiz whose answers are not released to you yet.
          </p>
          <ul className="mt-1 list-disc pl-6 text-sm">
            {session.heldReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {session.card ? (
        <ReviewSession
          key={session.card.showingId}
          card={session.card}
          dueNow={session.dueNow}
          attemptId={session.scope?.attemptId}
          nextHref={nextHref}
        />
      ) : summary && summary.reviewed > 0 ? (
        <SessionSummary summary={summary} session={session} now={now} zone={zone} />
      ) : (
        <NothingDue session={session} now={now} zone={zone} />
      )}
      <ProgressForecasts topics={forecasts} />
    </div>
  );
}

function SessionSummary({
  summary,
  session,
  now,
  zone,
}: {
  summary: ReviewSummaryDTO;
  session: ReviewSessionDTO;
  now: Date;
  zone: string | null | undefined;
}) {
  return (
    <section
      aria-labelledby="summary-heading"
      className="flex flex-col gap-3 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
    >
      <h2 id="summary-heading" className="text-xl font-semibold">
        Session complete
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1" data-testid="review-summary">
        <dt className="font-medium">Reviewed</dt>
        <dd>
          {summary.reviewed} question{summary.reviewed === 1 ? "" : "s"}
        </dd>
        <dt className="font-medium">Right</dt>
        <dd>
          {summary.right} of {summary.reviewed}
        </dd>
        <dt className="font-medium">Next due</dt>
        <dd>{session.nextDueAt ? describeWhen(new Date(session.nextDueAt), now, zone) : "nothing scheduled"}</dd>
      </dl>
      <p className="flex flex-wrap gap-3">
        <Link href="/dashboard" className={`${buttonClass} no-underline`}>
          Back to your dashboard
        </Link>
        {session.scope && <Link href={`/attempts/${session.scope.attemptId}`}>Back to the attempt</Link>}
      </p>
    </section>
  );
}

function NothingDue({ session, now, zone }: { session: ReviewSessionDTO; now: Date; zone: string | null | undefined }) {
  if (session.scope)
    return (
      <section
        aria-labelledby="nothing-due-heading"
        className="flex flex-col gap-2 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="nothing-due-heading" className="text-xl font-semibold">
          {session.scope.missed === 0 ? "You got every question right in this attempt" : "No missed questions left to review"}
        </h2>
        <p>
          <Link href="/review">Go to your spaced review</Link> · <Link href="/dashboard">Back to your dashboard</Link>
        </p>
      </section>
    );
  return (
    <section
      aria-labelledby="nothing-due-heading"
      className="flex flex-col gap-2 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
    >
      <h2 id="nothing-due-heading" className="text-xl font-semibold">
        Nothing is due for review right now
      </h2>
      {session.nextDueAt ? (
        <p>
          Your next question comes back {describeWhen(new Date(session.nextDueAt), now, zone)}. <Link href="/review">Check again</Link>
        </p>
      ) : (
        <p>
          You have no questions to review yet. <Link href="/learn">Practise a topic</Link> and the questions you answer will come back here.
        </p>
      )}
      <p>
        <Link href="/dashboard">Back to your dashboard</Link>
      </p>
    </section>
  );
}

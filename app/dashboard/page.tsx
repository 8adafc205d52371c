import Link from "@/app/_components/link";
import { redirect } from "next/navigation";
import { getViewer, isInstructor, type Viewer } from "@/lib/dal/viewer";
import { Suspense } from "react";
import { SectionSkeleton } from "@/app/_components/skeleton";
import { getMyProgress } from "@/lib/dal/progress";
import { describeWhen } from "@/lib/dal/review";
import { listTopics } from "@/lib/dal/course";
import { AssignedWork } from "@/app/_components/assigned-work";
import { MyClasses } from "@/app/_components/my-classes";
import { ProgressTopics } from "@/app/_components/progress-topics";
import { HistoryChart } from "@/app/_components/history-chart";
import { buttonClass } from "@/app/_components/form-fields";
import { JoinByCodeForm } from "@/app/_components/class-forms";
import { When } from "@/app/_components/when";
import { listMyClasses } from "@/lib/dal/classes";
import { formatDuration } from "@/lib/dates/format";
import { parseRouteId } from "@/lib/validation/route-params";

export const metadata = { title: "Dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams?: SearchParams } = {}) {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent("/dashboard")}`);
  const search = (await searchParams) ?? {};
  // Fresh from an OAuth sign-in (lib/actions/auth.ts): instructors land on their classes, as after a password sign-in.
  if (search.home === "1" && isInstructor(viewer)) redirect("/teach");
  const now = new Date();
  const joinedId = parseRouteId(search.joined);
  // Only a class the viewer is really in: the flag in the URL is a hint, never a claim.
  const joined = joinedId ? ((await listMyClasses(viewer)).find((c) => c.id === joinedId) ?? null) : null;

  return (
    <div className="flex flex-col gap-10">
      <h1 className="text-2xl font-semibold">Your dashboard</h1>

      {joined && (
        <div id="joined" role="status" className="rounded border border-green-700 bg-green-50 px-4 py-3 dark:bg-green-950">
          <p className="font-medium">You joined {joined.name}.</p>
          <p>
            <a href="#assigned-work">See the work assigned to you</a>; new quizzes from {joined.name} appear there with their due dates.
          </p>
        </div>
      )}

      {/* The slow parts stream in behind skeletons; the heading and any join notice show at once. */}
      <Suspense fallback={<SectionSkeleton label="Loading your assigned work…" />}>
        <AssignedWork viewer={viewer} now={now} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton label="Loading your progress…" lines={8} />}>
        <ProgressSections viewer={viewer} now={now} />
      </Suspense>
    </div>
  );
}

/** Everything drawn from the learner's attempts and review cards: open practice, review queue, progress, history. */
async function ProgressSections({ viewer, now }: { viewer: Viewer; now: Date }) {
  const zone = viewer.timeZone;
  const [progress, topics] = await Promise.all([getMyProgress(viewer, now), listTopics()]);
  const { review, recentAttempts } = progress;
  // Assigned attempts are continued from their card under "Assigned work": one Continue button per attempt.
  const openAttempts = progress.openAttempts.filter((a) => a.assignmentId === null);
  return (
    <>
      {openAttempts.length > 0 && (
        <section aria-labelledby="continue-heading" className="flex flex-col gap-3">
          <h2 id="continue-heading" className="text-xl font-semibold">
            Continue where you left off
          </h2>
          <ul className="flex flex-col gap-2">
            {openAttempts.map((a) => (
              <li
                key={a.id}
                className="flex flex-wrap items-center justify-between gap-3 rounded border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
              >
                <span>
                  <span className="font-medium">{a.quizTitle}</span>{" "}
                  <span className="text-sm text-stone-600 dark:text-stone-300">
                    · {a.answered} of {a.total} answered
                    {a.endsAt ? ` · ${formatDuration(new Date(a.endsAt).getTime() - now.getTime())} left` : ""}
                  </span>
                </span>
                <Link href={`/attempts/${a.id}`} className={`${buttonClass} no-underline`} aria-label={`Continue ${a.quizTitle}`}>
                  Continue
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section
        aria-labelledby="review-heading"
        className="flex flex-col gap-2 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="review-heading" className="text-xl font-semibold">
          Due for review
        </h2>
        {review.dueNow > 0 ? (
          <>
            <p data-testid="review-due-count">
              {review.dueNow} question{review.dueNow === 1 ? " is" : "s are"} due for review now.
            </p>
            <p>
              <Link href="/review" className={`${buttonClass} no-underline`}>
                Start review
              </Link>
            </p>
          </>
        ) : review.nextDueAt ? (
          <p data-testid="review-due-count">
            Nothing is due right now. Your next review comes back {describeWhen(new Date(review.nextDueAt), now, zone)}.{" "}
            <Link href="/review">Go to review</Link>
          </p>
        ) : (
          <p data-testid="review-due-count">
            No questions to review yet: the questions you answer in quizzes come back here on a spaced schedule.
          </p>
        )}
      </section>

      <MyClasses />

      <section
        aria-labelledby="join-heading"
        className="flex flex-col gap-3 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="join-heading" className="text-xl font-semibold">
          Join a class
        </h2>
        <JoinByCodeForm />
      </section>

      <ProgressTopics topics={progress.topics} />

      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          Scores over time
        </h2>
        <HistoryChart history={progress.history} timeZone={zone} />
      </section>

      <section aria-labelledby="recent-heading" className="flex flex-col gap-3">
        <h2 id="recent-heading" className="text-xl font-semibold">
          Recent attempts
        </h2>
        {recentAttempts.length === 0 ? (
          <p>No finished attempts yet.</p>
        ) : (
          <ul className="list-disc pl-6">
            {recentAttempts.map((a) => (
              <li key={a.id}>
                <Link href={`/attempts/${a.id}`}>
                  {a.quizTitle}: {a.percent}%
                </Link>{" "}
                <span className="text-sm text-stone-600 dark:text-stone-300">
                  (<When date={new Date(a.finishedAt)} now={now} zone={zone} />)
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="practise-heading" className="flex flex-col gap-3">
        <h2 id="practise-heading" className="text-xl font-semibold">
          Practise any topic
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {topics.map((t) => (
            <li key={t.slug}>
              <Link href={`/practice/${t.slug}`}>Practise: {t.title}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

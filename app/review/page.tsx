import Link from "@/app/_components/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/dal/viewer";
import { describeWhen, getReviewSession } from "@/lib/dal/review";
import { getMyRetentionForecast } from "@/lib/dal/progress";
import { ReviewSession } from "@/app/_components/review-session";
import { ProgressForecasts } from "@/app/_components/progress-forecasts";

export const metadata = { title: "Review" };

export default async function ReviewPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent("/review")}`);
  const now = new Date();
  const [session, forecasts] = await Promise.all([getReviewSession(viewer, now), getMyRetentionForecast(viewer, now)]);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Spaced review</h1>
        <p>
          Every question you answer comes back just before you are likely to forget it: sooner when you missed it, later
          when you knew it (scheduled with FSRS). Answer, check, and read why.
        </p>
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
            {session.heldBack} due question{session.heldBack === 1 ? " waits" : "s wait"} because{" "}
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
        <ReviewSession key={session.card.showingId} card={session.card} dueNow={session.dueNow} />
      ) : (
        <section aria-labelledby="nothing-due-heading" className="flex flex-col gap-2 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
          <h2 id="nothing-due-heading" className="text-xl font-semibold">
            Nothing is due for review right now
          </h2>
          {session.nextDueAt ? (
            <p>
              Your next question comes back {describeWhen(new Date(session.nextDueAt), now)}. <Link href="/review">Check again</Link>
            </p>
          ) : (
            <p>
              You have no questions to review yet. <Link href="/learn">Practise a topic</Link> and the questions you answer will
              come back here.
            </p>
          )}
          <p>
            <Link href="/dashboard">Back to your dashboard</Link>
          </p>
        </section>
      )}
      <ProgressForecasts topics={forecasts} />
    </div>
  );
}

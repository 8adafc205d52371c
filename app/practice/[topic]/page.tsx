import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/dal/viewer";
import { When } from "@/app/_components/when";
import { getPracticeInfo } from "@/lib/dal/practice";
import { StartPracticeForm } from "@/app/_components/start-forms";
import { HOLD_RULE } from "@/lib/quiz/integrity";
import { parseSlug } from "@/lib/validation/route-params";

export async function generateMetadata({ params }: { params: Promise<{ topic: string }> }) {
  const topic = parseSlug((await params).topic);
  return { title: topic ? `Practise: ${topic.replace(/-/g, " ")}` : "Topic not found" };
}

export default async function PracticePage({ params }: { params: Promise<{ topic: string }> }) {
  const topic = parseSlug((await params).topic);
  if (!topic) notFound();
  const viewer = await getViewer();
  const info = await getPracticeInfo(viewer, topic);
  if (!info) notFound();
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Practise: {info.topicTitle}</h1>
      <p>
        {info.questionCount} questions drawn from this topic, the ones you have seen least first. Check each answer as you go to see the
        explanation, ask for a hint from the lesson, and try a similar question after a miss. Answers save as you go; you get your score and
        what to review when you submit. No time limit.
      </p>
      {info.held.count > 0 && (
        <div role="status" className="rounded border border-stone-300 bg-stone-100 px-3 py-2 dark:border-stone-700 dark:bg-stone-800">
          <p>
            {info.available === 0
              ? "Practice on this topic is paused: all of its questions belong to a graded quiz of yours."
              : `${info.held.count} of this topic’s questions are left out of practice for now: they belong to a graded quiz of yours.`}{" "}
            {HOLD_RULE.summary}
          </p>
          <ul className="mt-1 list-disc pl-6 text-sm">
            {info.held.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {viewer && info.available === 0 && !info.openAttemptId ? null : viewer ? (
        <StartPracticeForm topic={topic} resumeAttemptId={info.openAttemptId} />
      ) : (
        <p>
          <Link href={`/signin?next=${encodeURIComponent(`/practice/${topic}`)}`}>Sign in</Link> or{" "}
          <Link href={`/signup?next=${encodeURIComponent(`/practice/${topic}`)}`}>create an account</Link> to practise and track your
          progress.
        </p>
      )}
      <p>
        <Link href={`/learn/${topic}`}>Read the lesson first</Link>
      </p>
      {info.pastAttempts.length > 0 && (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading" className="text-lg font-semibold">
            Your past practice
          </h2>
          <ul className="list-disc pl-6">
            {info.pastAttempts.map((a) => (
              <li key={a.id}>
                <Link href={`/attempts/${a.id}`}>
                  Attempt {a.number}: {a.percent}%
                </Link>{" "}
                <span className="text-sm text-stone-600 dark:text-stone-300">
                  (<When date={new Date(a.finishedAt)} now={new Date(a.finishedAt)} zone={viewer?.timeZone} style="date" />)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

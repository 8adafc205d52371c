// The lesson index: the course's topics in order, each linking to its lesson and to practice.
import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { listTopics } from "@/lib/dal/course";
import { getMyTopicMastery } from "@/lib/dal/progress";
import { getViewer } from "@/lib/dal/viewer";

export const metadata: Metadata = { title: "Lessons" };

export default async function LearnPage() {
  const [topics, viewer] = await Promise.all([listTopics(), getViewer()]);
  const mastery = viewer ? await getMyTopicMastery(viewer) : null;
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-100">
          Allies and Capital: U.S.–Japan Trade, 1945–2025
        </p>
        <h1 className="text-3xl font-semibold">Lessons</h1>
        <p className="prose-lesson text-stone-700 dark:text-stone-300">
          Read the topics in order, or jump to the one you need. Each lesson ends with a practice quiz on that topic.
        </p>
      </header>
      {topics.length === 0 ? (
        <p className="prose-lesson">
          No lessons are available yet. Load the course with <code>npm run db:seed</code>.
        </p>
      ) : (
        <ol className="flex max-w-3xl flex-col gap-4">
          {topics.map((t) => (
            <li key={t.slug} className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
              <h2 className="text-lg font-semibold">
                <Link href={`/learn/${t.slug}`}>
                  {t.order}. {t.title}
                </Link>
              </h2>
              <p className="mt-1 text-stone-600 dark:text-stone-300">{t.summary}</p>
              {mastery && (
                <p className="mt-2 text-sm">
                  Your progress: <strong>{mastery.get(t.slug)?.levelLabel ?? "Not started"}</strong>
                  {mastery.get(t.slug)?.evidenceCount
                    ? ` · ${mastery.get(t.slug)!.evidenceCount} question${mastery.get(t.slug)!.evidenceCount === 1 ? "" : "s"} answered`
                    : ""}{" "}
                  · <Link href="/dashboard#progress-heading">details</Link>
                </p>
              )}
              <p className="mt-2">
                <Link href={`/practice/${t.slug}`}>
                  Practise<span className="sr-only"> {t.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

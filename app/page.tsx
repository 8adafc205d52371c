import Link from "@/app/_components/link";
import { getViewer } from "@/lib/dal/viewer";
import { listTopics } from "@/lib/dal/course";

export default async function HomePage() {
  const [viewer, topics] = await Promise.all([getViewer(), listTopics()]);
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-100">A Koza course</p>
        <h1 className="text-3xl font-semibold sm:text-4xl">Allies and Capital: U.S.–Japan Trade, 1945–2025</h1>
        <p className="prose-lesson text-stone-700 dark:text-stone-300">
          Eighty years of trade and investment between two allies: rebuilding after the war, the surpluses and frictions of the 1980s, the
          Plaza Accord, the road from TPP to CPTPP, and why capital now moves toward friends. Read a short lesson, test yourself, and review
          what you missed on a spaced schedule.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/learn" className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800">
            Start the lessons
          </Link>
          {viewer ? (
            <Link href="/dashboard" className="rounded border border-stone-400 px-4 py-2 no-underline">
              Your dashboard
            </Link>
          ) : (
            <>
              <Link href="/signup" className="rounded border border-stone-400 px-4 py-2 no-underline">
                Sign up to track progress
              </Link>
              <Link href="/signin" className="rounded border border-stone-400 px-4 py-2 no-underline">
                Sign in
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="mb-3 text-xl font-semibold">
          Topics
        </h2>
        <ol className="grid gap-3 sm:grid-cols-2">
          {topics.map((t) => (
            <li key={t.slug} className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
              <Link href={`/learn/${t.slug}`} className="font-medium">
                {t.order}. {t.title}
              </Link>
              <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">{t.summary}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

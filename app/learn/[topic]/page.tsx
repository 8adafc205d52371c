// One lesson: contents, objectives, sections with their article paragraphs and sources, their charts of real data and
// "Another view" boxes, key terms, timeline, sources.
import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { getLesson, listTopics } from "@/lib/dal/course";
import { describeArticleParagraphs } from "@/lib/content/provenance";
import { renderMarkdown } from "@/lib/content/render";
import type { Lesson } from "@/lib/content/schema";
import { LessonChartFigure } from "@/app/_components/lesson-chart-figure";
import { parseSlug } from "@/lib/validation/route-params";

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = parseSlug((await params).topic);
  const lesson = slug ? await getLesson(slug) : null;
  return { title: lesson ? lesson.title : "Lesson not found" };
}

export default async function LessonPage({ params }: Props) {
  const slug = parseSlug((await params).topic);
  const lesson = slug ? await getLesson(slug) : null;
  if (!lesson) notFound();
  const topics = await listTopics();
  const here = topics.findIndex((t) => t.slug === lesson.topic);
  const previous = here > 0 ? topics[here - 1] : undefined;
  const next = here >= 0 ? topics[here + 1] : undefined;
  const sourceNumber = new Map(lesson.sources.map((s, i) => [s.id, i + 1]));
  // Lessons stored before charts and "Another view" boxes existed have neither field until the next seed.
  const charts = lesson.charts ?? [];
  const anotherView = lesson.anotherView ?? [];
  const extras = [
    { id: "key-terms", title: "Key terms" },
    ...(lesson.timeline.length > 0 ? [{ id: "timeline", title: "Timeline" }] : []),
    ...(lesson.sources.length > 0 ? [{ id: "sources", title: "Sources" }] : []),
  ];

  return (
    <article aria-labelledby="lesson-title" className="flex flex-col gap-10">
      <header className="prose-lesson flex flex-col gap-2">
        <p className="text-sm">
          <Link href="/learn">Lessons</Link>
          <span aria-hidden="true"> / </span>
          <span className="text-stone-600 dark:text-stone-300">Topic {lesson.order}</span>
        </p>
        <h1 id="lesson-title" className="text-3xl font-semibold">
          {lesson.title}
        </h1>
        <p className="text-stone-700 dark:text-stone-300">{lesson.summary}</p>
      </header>

      <nav
        aria-labelledby="contents-heading"
        className="prose-lesson rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="contents-heading" className="text-lg font-semibold">
          Contents
        </h2>
        <ol>
          <li>
            <a href="#objectives">What you will learn</a>
          </li>
          {lesson.sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
          {extras.map((e) => (
            <li key={e.id}>
              <a href={`#${e.id}`}>{e.title}</a>
            </li>
          ))}
        </ol>
      </nav>

      <section id="objectives" aria-labelledby="objectives-heading" className="prose-lesson [&_a]:underline">
        <h2 id="objectives-heading" className="text-2xl font-semibold">
          What you will learn
        </h2>
        <ul>
          {lesson.objectives.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      </section>

      {lesson.sections.map((s) => (
        <section key={s.id} id={s.id} aria-labelledby={`${s.id}-heading`} className="prose-lesson scroll-mt-4 [&_a]:underline">
          <h2 id={`${s.id}-heading`} className="text-2xl font-semibold">
            {s.title}
          </h2>
          <p className="text-sm text-stone-600 dark:text-stone-300">
            {describeArticleParagraphs(s.paragraphs)}
            {s.sources.length > 0 && (
              <>
                {" · Sources: "}
                <SourceLinks ids={s.sources} lesson={lesson} numbers={sourceNumber} />
              </>
            )}
          </p>
          <div dangerouslySetInnerHTML={{ __html: renderMarkdown(s.markdown) }} />
          {charts
            .filter((c) => c.section === s.id)
            .map((c) => (
              <LessonChartFigure key={c.id} chart={c} />
            ))}
          {anotherView
            .filter((b) => b.section === s.id)
            .map((b) => (
              <aside
                key={b.title}
                aria-label={`Another view: ${b.title}`}
                className="my-6 rounded border-l-4 border-amber-600 bg-amber-50 p-4 dark:bg-stone-900"
              >
                <p className="font-semibold">Another view: {b.title}</p>
                <p>{b.text}</p>
                <p className="text-sm text-stone-600 dark:text-stone-300">
                  {"Sources: "}
                  <SourceLinks ids={b.outsideSources} lesson={lesson} numbers={sourceNumber} />
                </p>
              </aside>
            ))}
        </section>
      ))}

      <section id="key-terms" aria-labelledby="key-terms-heading" className="prose-lesson [&_a]:underline">
        <h2 id="key-terms-heading" className="text-2xl font-semibold">
          Key terms
        </h2>
        <dl className="mt-3 flex flex-col gap-3">
          {lesson.keyTerms.map((k) => (
            <div key={k.term}>
              <dt className="font-semibold">{k.term}</dt>
              <dd className="text-stone-700 dark:text-stone-300">{k.definition}</dd>
            </div>
          ))}
        </dl>
      </section>

      {lesson.timeline.length > 0 && (
        <section id="timeline" aria-labelledby="timeline-heading" className="prose-lesson [&_a]:underline">
          <h2 id="timeline-heading" className="text-2xl font-semibold">
            Timeline
          </h2>
          <ol className="mt-3 flex flex-col gap-2">
            {lesson.timeline.map((entry, i) => (
              <li key={`${entry.date}-${i}`}>
                <time dateTime={entry.date} className="font-semibold">
                  {formatContentDate(entry.date)}
                </time>
                {": "}
                {entry.event}
                {(entry.paragraphs.length > 0 || entry.outsideSources.length > 0) && (
                  <span className="text-sm text-stone-600 dark:text-stone-300">
                    {" ("}
                    {entry.paragraphs.length > 0 && `article ${entry.paragraphs.join(", ")}`}
                    {entry.paragraphs.length > 0 && entry.outsideSources.length > 0 && "; "}
                    {entry.outsideSources.length > 0 && (
                      <>
                        {"outside sources: "}
                        <SourceLinks ids={entry.outsideSources} lesson={lesson} numbers={sourceNumber} />
                      </>
                    )}
                    {")"}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}

      {lesson.sources.length > 0 && (
        <section id="sources" aria-labelledby="sources-heading" className="prose-lesson [&_a]:underline">
          <h2 id="sources-heading" className="text-2xl font-semibold">
            Sources
          </h2>
          <p className="text-sm text-stone-600 dark:text-stone-300">
            Facts beyond the course article (P1–P7) come from these public sources.
          </p>
          <ol className="text-base">
            {lesson.sources.map((s) => (
              <li key={s.id} id={`source-${s.id}`} className="scroll-mt-4">
                {s.url ? <a href={s.url}>{s.title}</a> : s.title}
                {`. ${s.publisher}.`}
              </li>
            ))}
          </ol>
        </section>
      )}

      <footer className="prose-lesson flex flex-col gap-6 border-t border-stone-200 pt-6 dark:border-stone-800">
        <section aria-labelledby="check-heading" className="flex flex-col gap-2">
          <h2 id="check-heading" className="text-xl font-semibold">
            Check your understanding
          </h2>
          <p>A short practice quiz on this lesson: answers save as you go, and each question links back to the section that teaches it.</p>
          <p>
            <Link
              href={`/practice/${lesson.topic}`}
              className="inline-block rounded border-2 border-brand-700 bg-brand-50 px-4 py-2 font-semibold no-underline dark:border-brand-100 dark:bg-stone-900"
            >
              Practise this topic
            </Link>
          </p>
        </section>
        {(previous || next) && (
          <nav aria-label="Other lessons" className="flex flex-wrap justify-between gap-4">
            {previous ? (
              <Link href={`/learn/${previous.slug}`} rel="prev">
                ← Previous lesson: {previous.title}
              </Link>
            ) : (
              <span />
            )}
            {next && (
              <Link href={`/learn/${next.slug}`} rel="next">
                Next lesson: {next.title} →
              </Link>
            )}
          </nav>
        )}
      </footer>
    </article>
  );
}

/** Links a section's or timeline entry's source ids to the numbered sources list at the end of the lesson. */
function SourceLinks({ ids, lesson, numbers }: { ids: string[]; lesson: Lesson; numbers: Map<string, number> }) {
  return ids.map((id, i) => {
    const source = lesson.sources.find((s) => s.id === id);
    return (
      <span key={id}>
        {i > 0 && ", "}
        <a href={`#source-${id}`}>
          {source?.publisher ?? id} [{numbers.get(id) ?? "?"}]
        </a>
      </span>
    );
  });
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "1985" → "1985", "1985-09" → "September 1985", "1985-09-22" → "22 September 1985" (no time zone involved). */
function formatContentDate(date: string): string {
  const [year = date, month, day] = date.split("-");
  if (!month) return year;
  const monthName = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { CreateClassForm } from "@/app/_components/class-forms";
import { When } from "@/app/_components/when";
import { getTeachingHome, type TeachClassCardDTO } from "@/lib/dal/teach-home";
import { getViewer, isInstructor } from "@/lib/dal/viewer";

export const metadata = { title: "Teach" };

/** The instructor's home: every class they teach, with this week's due work, who is missing, and flagged questions. */
export default async function TeachPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?next=%2Fteach");
  if (!isInstructor(viewer)) notFound();
  const now = new Date();
  const classes = await getTeachingHome(viewer, now);
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Your classes</h1>
        <Link href="/teach/bank">Question bank</Link>
      </div>
      <section aria-labelledby="classes-heading">
        <h2 id="classes-heading" className="sr-only">
          Classes you teach
        </h2>
        {classes.length === 0 ? (
          <p>You do not teach any classes yet. Create one below and share its join code with your students.</p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {classes.map((c) => (
              <li key={c.id}>
                <ClassCard c={c} now={now} zone={viewer.timeZone} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="create-heading" className="flex flex-col gap-3">
        <h2 id="create-heading" className="text-xl font-semibold">
          Create a class
        </h2>
        <CreateClassForm />
      </section>
    </div>
  );
}

function ClassCard({ c, now, zone }: { c: TeachClassCardDTO; now: Date; zone: string | null | undefined }) {
  const headingId = `class-${c.id}-heading`;
  return (
    <article
      aria-labelledby={headingId}
      className="flex h-full flex-col gap-3 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
    >
      <div>
        <h3 id={headingId} className="text-lg font-semibold">
          <Link href={`/teach/classes/${c.id}`}>{c.name}</Link>
        </h3>
        <p className="text-sm text-stone-600 dark:text-stone-300">
          {[
            c.term,
            `${c.studentCount} student${c.studentCount === 1 ? "" : "s"}`,
            c.joinEnabled ? "joining on" : "joining off",
            c.isOwner ? null : "co-instructor",
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
      <div>
        <h4 className="font-medium">Due this week</h4>
        {c.dueThisWeek.length === 0 ? (
          <p className="text-sm text-stone-600 dark:text-stone-300">Nothing is due this week.</p>
        ) : (
          <ul className="mt-1 flex flex-col gap-2 text-sm">
            {c.dueThisWeek.map((d) => (
              <li key={d.assignmentId} data-testid="due-this-week">
                <p>
                  <span className="font-medium">{d.quizTitle}</span>, due <When date={d.dueAt} now={now} zone={zone} />: {d.submitted} of{" "}
                  {d.students} submitted
                </p>
                {d.missingCount > 0 && (
                  <p className="text-stone-700 dark:text-stone-300">
                    {d.pastDue ? "Missing" : "Not submitted yet"}: {d.missing.map((m) => m.name).join(", ")}
                    {d.missingCount > d.missing.length ? ` and ${d.missingCount - d.missing.length} more` : ""}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h4 className="font-medium">Flagged by item statistics</h4>
        {c.flaggedCount === 0 ? (
          <p className="text-sm text-stone-600 dark:text-stone-300">No questions flagged.</p>
        ) : (
          <>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {c.flagged.map((f, i) => (
                <li key={`${f.assignmentId}-${i}`}>
                  {f.prompt}{" "}
                  <span className="text-stone-600 dark:text-stone-300">
                    ({f.quizTitle}: {f.reasons.join(" ")})
                  </span>
                </li>
              ))}
            </ul>
            <p className="text-sm">
              <Link href={`/teach/classes/${c.id}/items`}>
                {c.flaggedCount === 1 ? "See the flagged question" : `See all ${c.flaggedCount} flagged questions`}
                <span className="sr-only"> in {c.name}</span>
              </Link>
            </p>
          </>
        )}
      </div>
    </article>
  );
}

import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { CreateClassForm } from "@/app/_components/class-forms";
import { listTeachingClasses } from "@/lib/dal/classes";
import { getViewer, isInstructor } from "@/lib/dal/viewer";

export const metadata = { title: "Teach" };

export default async function TeachPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?next=%2Fteach");
  if (!isInstructor(viewer)) notFound();
  const classes = await listTeachingClasses(viewer);
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
          <ul className="grid gap-3 sm:grid-cols-2">
            {classes.map((c) => (
              <li key={c.id} className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                <Link href={`/teach/classes/${c.id}`} className="font-medium">
                  {c.name}
                </Link>
                <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">
                  {[c.term, `${c.studentCount} student${c.studentCount === 1 ? "" : "s"}`, c.joinEnabled ? "joining on" : "joining off", c.isOwner ? null : "co-instructor"]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
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

// The signed-in student's classes, each with a Leave button (placed on /dashboard).
import { getViewer } from "@/lib/dal/viewer";
import { listMyClasses } from "@/lib/dal/classes";
import { LeaveClassButton } from "./class-forms";

export async function MyClasses() {
  const viewer = await getViewer();
  if (!viewer) return null;
  const classes = await listMyClasses(viewer);
  return (
    <section aria-labelledby="my-classes-heading" className="flex flex-col gap-3">
      <h2 id="my-classes-heading" className="text-xl font-semibold">
        Your classes
      </h2>
      {classes.length === 0 ? (
        <p>You are not in a class. If your instructor gave you a join code, type it under “Join a class” below, or open the join link.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {classes.map((c) => (
            <li
              key={c.id}
              className="flex flex-wrap items-start justify-between gap-3 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
            >
              <div>
                <p className="font-medium">{c.name}</p>
                <p className="text-sm text-stone-600 dark:text-stone-300">
                  {[c.term, c.instructorNames.length ? `with ${c.instructorNames.join(", ")}` : null].filter(Boolean).join(" · ")}
                </p>
              </div>
              <LeaveClassButton classId={c.id} className={c.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

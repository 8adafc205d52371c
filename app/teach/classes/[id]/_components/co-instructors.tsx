// Who teaches the class, and the form to add a co-instructor by email.
import { AddCoInstructorForm } from "@/app/_components/class-forms";
import type { ClassInstructorDTO } from "@/lib/dal/classes";

export function CoInstructors({ classId, instructors }: { classId: string; instructors: ClassInstructorDTO[] }) {
  return (
    <section aria-labelledby="instructors-heading" className="flex flex-col gap-3">
      <h2 id="instructors-heading" className="text-xl font-semibold">
        Instructors
      </h2>
      <ul className="flex flex-col gap-1">
        {instructors.map((i) => (
          <li key={i.userId}>
            {i.name} <span className="text-stone-600 dark:text-stone-300">({i.email})</span>
            {i.isOwner && <span className="ml-2 text-sm text-stone-600 dark:text-stone-300">owner</span>}
          </li>
        ))}
      </ul>
      <AddCoInstructorForm classId={classId} />
    </section>
  );
}

import { notFound, redirect } from "next/navigation";
import { BankImportForm } from "@/app/_components/bank-import-form";
import { listImportTargets } from "@/lib/dal/bank-import";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { MAX_IMPORT_BYTES, MAX_IMPORT_QUESTIONS } from "@/lib/quiz/limits";

export const metadata = { title: "Import questions" };

export default async function BankImportPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent("/teach/bank/import")}`);
  if (!isInstructor(viewer)) notFound();
  const targets = await listImportTargets(viewer);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Import questions</h1>
        <p className="mt-2 max-w-3xl text-stone-700 dark:text-stone-300">
          Bring questions from Moodle as a GIFT or Moodle XML file (up to {MAX_IMPORT_BYTES / 1024 / 1024} MB and {MAX_IMPORT_QUESTIONS}{" "}
          questions). You first see a report of what would be imported, changed or skipped and why; nothing is written until you confirm,
          and then the whole file is imported at once or not at all.
        </p>
      </div>
      <BankImportForm banks={targets.banks} topics={targets.topics} />
    </div>
  );
}

import { notFound, redirect } from "next/navigation";
import { BankImportForm } from "@/app/_components/bank-import-form";
import { listImportTargets } from "@/lib/dal/bank-import";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { MAX_IMPORT_BYTES, MAX_IMPORT_QUESTIONS } from "@/lib/quiz/limits";

export const metadata = { title: "Import and export questions" };

const EXPORTS = [
  ["gift", "GIFT"],
  ["moodle-xml", "Moodle XML"],
  ["qti3", "QTI 3.0 package"],
] as const;

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
      <section aria-labelledby="export-heading" className="flex flex-col gap-3">
        <h2 id="export-heading" className="text-xl font-semibold">
          Export
        </h2>
        <p className="max-w-3xl text-stone-700 dark:text-stone-300">
          GIFT and Moodle XML files import into Moodle; a QTI 3.0 package imports into any QTI 3 platform. What a format cannot hold
          (Koza&apos;s answer normalisation, units in GIFT, partial credit for orderings in QTI) is left out.
        </p>
        <ul className="flex flex-col gap-2">
          {[
            { id: "content", name: "Course content (every topic)", href: (f: string) => `/teach/bank/export?format=${f}` },
            ...targets.banks.map((b) => ({ id: b.id, name: b.name, href: (f: string) => `/api/teach/bank/${b.id}/export?format=${f}` })),
          ].map((b) => (
            <li key={b.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
              <span className="font-medium">{b.name}</span>
              {EXPORTS.map(([format, label]) => (
                <a key={format} href={b.href(format)} download>
                  {label}
                  <span className="sr-only"> of {b.name}</span>
                </a>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { listBank } from "@/lib/dal/bank";
import { listBankChoices, listMyBanks, listShareableClasses } from "@/lib/dal/question-banks";
import { CreateBankForm, DuplicateQuestionForm, RenameBankForm, ShareBankForm } from "./_components/bank-forms";
import { lessonSectionHref } from "@/lib/quiz/feedback";

export const metadata = { title: "Question bank" };

export default async function BankPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent("/teach/bank")}`);
  if (!isInstructor(viewer)) notFound();
  const [topics, myBanks, classes, bankChoices] = await Promise.all([
    listBank(viewer),
    listMyBanks(viewer),
    listShareableClasses(viewer),
    listBankChoices(viewer),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">Question banks</h1>
      <section aria-labelledby="my-banks" className="flex flex-col gap-4">
        <h2 id="my-banks" className="text-xl font-semibold">
          My banks
        </h2>
        <p className="max-w-3xl text-stone-700 dark:text-stone-300">
          Your own questions, and banks other instructors share with a class you teach. Use them in a class quiz by key. Saving a question
          creates a new version; attempts keep the version they showed.
        </p>
        <p>
          <Link href="/teach/bank/import">Import questions (GIFT or Moodle XML) and export banks</Link>
        </p>
        {myBanks.length === 0 && <p>You have no banks yet.</p>}
        {myBanks.map((b) => (
          <section
            key={b.id}
            aria-labelledby={`mybank-${b.id}`}
            className="flex flex-col gap-3 rounded border border-stone-300 p-4 dark:border-stone-700"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id={`mybank-${b.id}`} className="text-lg font-semibold">
                {b.name}{" "}
                <span className="text-sm font-normal text-stone-600 dark:text-stone-300">
                  ({b.questions.length} questions · {b.owned ? "yours" : `${b.ownerName}'s`} ·{" "}
                  {b.sharedClass ? `shared with the instructors of ${b.sharedClass.name}` : "private"})
                </span>
              </h3>
              <Link href={`/teach/bank/${b.id}/questions/new`}>New question in {b.name}</Link>
            </div>
            {b.owned && (
              <div className="flex flex-wrap gap-6">
                <RenameBankForm bankId={b.id} name={b.name} />
                <ShareBankForm bankId={b.id} name={b.name} sharedClassId={b.sharedClass?.id ?? null} classes={classes} />
              </div>
            )}
            {b.questions.length > 0 && (
              <ul className="flex flex-col gap-1">
                {b.questions.map((q) => (
                  <li key={q.id}>
                    <Link href={`/teach/bank/${b.id}/questions/${q.id}`}>
                      <span className="font-mono text-xs">{q.key}</span>
                    </Link>{" "}
                    — {q.prompt}{" "}
                    <span className="text-sm text-stone-600 dark:text-stone-300">
                      ({q.type}, {q.topicTitle}, version {q.version}
                      {q.retired ? ", retired" : ""})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
        <CreateBankForm />
      </section>
      <div>
        <h2 className="text-xl font-semibold">Course content banks</h2>
        <p className="mt-2 max-w-3xl text-stone-700 dark:text-stone-300">
          Every question in the course with its current version, read-only here. Questions are authored in <code>content/banks/*.yaml</code>{" "}
          and loaded with <code>npm run db:seed</code>: an edit creates a new version (attempts keep the version they showed), and a removed
          question is retired, never deleted. Export a topic to edit it as a file, or duplicate a question into your bank to adapt it.
        </p>
      </div>
      {topics.map((t) => (
        <section key={t.slug} aria-labelledby={`bank-${t.slug}`} className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id={`bank-${t.slug}`} className="text-lg font-semibold">
              {t.title} <span className="text-base font-normal text-stone-500 dark:text-stone-400">({t.questions.length} questions)</span>
            </h3>
            <a href={`/teach/bank/export?topic=${t.slug}`} download>
              Export {t.title} as YAML
            </a>
          </div>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="sr-only">Questions on {t.title}</caption>
              <thead className="border-b border-stone-300 dark:border-stone-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    Key
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Question
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Type
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Difficulty
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Answer
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right">
                    Versions
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right">
                    Answered
                  </th>
                  <th scope="col" className="py-2 text-right">
                    Mean score
                  </th>
                </tr>
              </thead>
              <tbody>
                {t.questions.map((q) => (
                  <tr key={q.key} className="border-b border-stone-200 align-top dark:border-stone-800">
                    <td className="py-2 pr-3 font-mono text-xs">
                      {q.key}
                      {q.retired && <span className="ml-1 rounded bg-stone-200 px-1 dark:bg-stone-700">retired</span>}
                    </td>
                    <td className="py-2 pr-3">
                      {q.prompt}
                      <div className="text-xs text-stone-500 dark:text-stone-400">
                        <Link href={lessonSectionHref(t.slug, q.section ?? undefined)}>lesson section</Link> · {q.paragraphs.join(", ")}
                      </div>
                      <DuplicateQuestionForm questionId={q.id} questionKey={q.key} banks={bankChoices} />
                    </td>
                    <td className="py-2 pr-3">{q.type}</td>
                    <td className="py-2 pr-3">{q.difficulty}</td>
                    <td className="py-2 pr-3">{q.keyText.join("; ")}</td>
                    <td className="py-2 pr-3 text-right">{q.versions}</td>
                    <td className="py-2 pr-3 text-right">{q.timesAnswered}</td>
                    <td className="py-2 text-right">{q.meanScore === null ? "—" : `${q.meanScore}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

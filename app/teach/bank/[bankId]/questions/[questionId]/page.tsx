import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { getQuestionEditor, listBankChoices } from "@/lib/dal/question-banks";
import { NotFoundError } from "@/lib/dal/errors";
import { ID_MAX_LENGTH, ID_PATTERN } from "@/lib/validation/ids";
import { QuestionEditor } from "../../../_components/question-editor";
import { formFromQuestion } from "../../../_components/editor-form";
import { DuplicateQuestionForm, RegradePanel, RetireQuestionForm } from "../../../_components/bank-forms";

export const metadata = { title: "Edit question" };

const isId = (s: string) => s.length <= ID_MAX_LENGTH && ID_PATTERN.test(s);

export default async function EditQuestionPage({ params }: { params: Promise<{ bankId: string; questionId: string }> }) {
  const { bankId, questionId } = await params;
  // A malformed id is no question (and must not reach encodeURIComponent: a lone surrogate throws there).
  if (!isId(bankId) || !isId(questionId)) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/bank/${bankId}/questions/${questionId}`)}`);
  if (!isInstructor(viewer)) notFound();
  const editor = await getQuestionEditor(viewer, bankId, questionId).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!editor) notFound();
  const banks = await listBankChoices(viewer);
  const q = editor.question;
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/teach/bank">← Question banks</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Edit <span className="font-mono">{q.key}</span>{" "}
        <span className="text-base font-normal">
          ({editor.bank.name}, version {q.version}
          {q.retired ? ", retired" : ""})
        </span>
      </h1>
      <QuestionEditor
        bankId={editor.bank.id}
        bankName={editor.bank.name}
        questionId={q.id}
        topics={editor.topics}
        initial={formFromQuestion(q.data, q.topicSlug)}
        draft={editor.draft}
      />
      {/* Once a question has earlier versions, the instructor chooses what happens to answers given on them. */}
      {editor.versions.length > 1 && <RegradePanel key={q.versionId} questionId={q.id} answered={editor.answeredOnEarlierVersions} />}
      <section aria-labelledby="versions-heading" className="flex flex-col gap-2">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Versions
        </h2>
        <ul>
          {editor.versions.map((v) => (
            <li key={v.id}>
              Version {v.version}
              {v.current ? " (current)" : ""} · saved {new Date(v.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC · answered{" "}
              {v.answers} time
              {v.answers === 1 ? "" : "s"}
            </li>
          ))}
        </ul>
        {editor.regrades.length > 0 && (
          <>
            <h3 className="font-semibold">Regrades</h3>
            <ul>
              {editor.regrades.map((r) => (
                <li key={r.id}>
                  {new Date(r.at).toISOString().slice(0, 16).replace("T", " ")} UTC by {r.byName}: version
                  {r.fromVersions.length === 1 ? "" : "s"} {r.fromVersions.join(", ")} → {r.toVersion}, {r.attempts} attempt
                  {r.attempts === 1 ? "" : "s"} ({r.items} answer{r.items === 1 ? "" : "s"})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="manage-heading" className="flex flex-col gap-3">
        <h2 id="manage-heading" className="text-lg font-semibold">
          Retire or duplicate
        </h2>
        <RetireQuestionForm bankId={editor.bank.id} questionId={q.id} retired={q.retired} />
        <DuplicateQuestionForm questionId={q.id} questionKey={q.key} banks={banks} />
      </section>
    </div>
  );
}

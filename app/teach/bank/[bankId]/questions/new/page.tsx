import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { getViewer, isInstructor } from "@/lib/dal/viewer";
import { getNewQuestionEditor } from "@/lib/dal/question-banks";
import { NotFoundError } from "@/lib/dal/errors";
import { ID_MAX_LENGTH, ID_PATTERN } from "@/lib/validation/ids";
import { QuestionEditor } from "../../../_components/question-editor";
import { blankForm } from "../../../_components/editor-form";

export const metadata = { title: "New question" };

export default async function NewQuestionPage({ params }: { params: Promise<{ bankId: string }> }) {
  const { bankId } = await params;
  // A malformed id is no bank (and must not reach encodeURIComponent: a lone surrogate throws there).
  if (bankId.length > ID_MAX_LENGTH || !ID_PATTERN.test(bankId)) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/teach/bank/${bankId}/questions/new`)}`);
  if (!isInstructor(viewer)) notFound();
  const editor = await getNewQuestionEditor(viewer, bankId).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!editor) notFound();
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/teach/bank">← Question banks</Link>
      </p>
      <h1 className="text-2xl font-semibold">New question in {editor.bank.name}</h1>
      <QuestionEditor
        bankId={editor.bank.id}
        bankName={editor.bank.name}
        questionId={null}
        topics={editor.topics}
        initial={blankForm(editor.topics[0]?.slug ?? "")}
        draft={editor.draft}
      />
    </div>
  );
}

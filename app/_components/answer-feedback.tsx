// What a learner sees after answering (quiz review and spaced review alike): their answer, the key, why each option is
// right or wrong, the explanation, the lesson section that teaches it, and where the fact comes from (the article's
// paragraphs when the article states it, otherwise the outside sources with their links).
import Link from "@/app/_components/link";
import { InlineMarkdown, MarkdownBlock } from "./question-markdown";
import { describeArticleParagraphs, type QuestionProvenance } from "@/lib/content/provenance";

export const STATUS_CLASS = {
  correct: "border-green-600 bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100",
  partial: "border-amber-600 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  incorrect: "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
  unanswered: "border-stone-500 bg-stone-100 text-stone-800 dark:bg-stone-800 dark:text-stone-100",
} as const;

export type AnswerKeyDTO = {
  key: string[];
  explanation: string | null;
  explanationHtml: string | null;
  options: { text: string; html: string; correct: boolean; chosen: boolean; feedback: string | null; feedbackHtml: string | null }[];
  lessonHref: string;
  provenance: QuestionProvenance;
};

export function YourAnswer({ lines }: { lines: string[] }) {
  return (
    <div>
      <p className="text-sm font-semibold">Your answer</p>
      {lines.length ? (
        <ul className="list-disc pl-6">
          {lines.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      ) : (
        <p className="italic">No answer</p>
      )}
    </div>
  );
}

export function AnswerKey({ answers, topicTitle }: { answers: AnswerKeyDTO; topicTitle: string }) {
  return (
    <>
      <div>
        <p className="text-sm font-semibold">Correct answer</p>
        <ul className="list-disc pl-6">
          {answers.key.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      </div>
      {answers.options.length > 0 && (
        <div>
          <p className="text-sm font-semibold">Why each option is right or wrong</p>
          <ul className="flex flex-col gap-1">
            {answers.options.map((o, i) => (
              <li key={i} className="text-sm">
                <span className="font-medium">
                  {o.correct ? "✓ " : "✗ "}
                  <InlineMarkdown html={o.html} />
                  {o.chosen ? " (your choice)" : ""}
                </span>
                <span className="sr-only">{o.correct ? " — a correct option." : " — an incorrect option."}</span>
                {o.feedbackHtml !== null && <MarkdownBlock html={o.feedbackHtml} />}
              </li>
            ))}
          </ul>
        </div>
      )}
      {answers.explanationHtml !== null && (
        <div>
          <p className="text-sm font-semibold">Explanation</p>
          <MarkdownBlock html={answers.explanationHtml} />
        </div>
      )}
      <p className="text-sm">
        <Link href={answers.lessonHref}>Read the lesson section on {topicTitle}</Link>
      </p>
      <Provenance provenance={answers.provenance} />
    </>
  );
}

/** "From the article, paragraph 4" only when the article states the fact; otherwise the outside sources, linked. */
export function Provenance({ provenance }: { provenance: QuestionProvenance }) {
  const article = describeArticleParagraphs(provenance.paragraphs);
  if (!article && provenance.outside.length === 0) return null;
  return (
    <div className="text-sm text-stone-700 dark:text-stone-300">
      {article && <p>{article}.</p>}
      {provenance.outside.length > 0 && (
        <p>
          {provenance.outside.length > 1 ? "Outside sources: " : "Outside source: "}
          {provenance.outside.map((s, i) => (
            <span key={`${s.title}-${i}`}>
              {i > 0 && "; "}
              {s.url ? <a href={s.url}>{s.title}</a> : s.title}
              {` (${s.publisher})`}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

// Owns what a learner is shown about one question once its key may be shown (a finished attempt's review, or a
// practice question the learner has checked), and the lesson hint practice offers before the answer. Pure.
import type { Lesson, Question } from "@/lib/content/schema";
import { questionProvenance, type QuestionProvenance } from "@/lib/content/provenance";
import { renderMarkdown } from "@/lib/content/render";
import { describeKey, describeOptionFeedback, type OptionFeedback } from "@/lib/grading/describe";
import type { Response } from "@/lib/grading/response";

export type AnswerFeedbackDTO = {
  key: string[];
  /** null: an instructor's question without one. */
  explanation: string | null;
  /** The explanation rendered as sanitised Markdown (lib/content/render.ts). */
  explanationHtml: string | null;
  options: OptionFeedback[];
  lessonHref: string;
  provenance: QuestionProvenance;
};

/** The key, the explanation, each option's feedback and the lesson section: only once the key may be shown. */
export function answerFeedback(question: Question, response: Response | null, topicSlug: string): AnswerFeedbackDTO {
  return {
    key: describeKey(question),
    explanation: question.explanation ?? null,
    explanationHtml: question.explanation ? renderMarkdown(question.explanation) : null,
    options: describeOptionFeedback(question, response),
    lessonHref: lessonSectionHref(topicSlug, question.section),
    provenance: questionProvenance(question),
  };
}

/** The lesson section that teaches a question; the lesson's top when the question links no section (an instructor's own). */
export const lessonSectionHref = (topicSlug: string, section: string | undefined) =>
  section === undefined ? `/learn/${topicSlug}` : `/learn/${topicSlug}#${section}`;

/** A hint: the lesson section the question links to, and the paragraph of it that speaks most to the question. */
export type PracticeHintDTO = { sectionTitle: string; text: string; href: string };

const STOP = new Set(
  "about after again also among and are because been before being between both but can could did does during each from had has have how into its more most not of once only other over same should some such than that the their them then there these they this those through under until very was were what when where which while who why will with would your according article".split(
    " ",
  ),
);

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );

/** Lesson Markdown to the plain sentences a hint shows (emphasis and link targets dropped). */
function plain(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The hint for a question: its linked lesson section, with the section paragraph sharing the most words with the
 * prompt (the first paragraph on a tie). Lesson text is public and teaches rather than answers, so it may be shown
 * before the question is checked; null when the lesson or section is gone (a retired topic).
 */
export function lessonHint(
  question: Pick<Question, "prompt" | "section">,
  lesson: Pick<Lesson, "topic" | "sections"> | null,
): PracticeHintDTO | null {
  const section = lesson?.sections.find((s) => s.id === question.section);
  if (!lesson || !section) return null;
  const paragraphs = section.markdown
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !/^(#|Draws on:|Sources:|\||```|>|- |\d+\. )/.test(p))
    .map(plain)
    .filter((p) => p.length > 40);
  const asked = words(question.prompt);
  let best = paragraphs[0] ?? "";
  let bestScore = -1;
  for (const p of paragraphs) {
    let score = 0;
    for (const w of words(p)) if (asked.has(w)) score += 1;
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  return { sectionTitle: section.title, text: best, href: lessonSectionHref(lesson.topic, section.id) };
}

// Owns turning a response and a question's key into plain lines of text for the review page (after the attempt only).
import { renderInlineMarkdown, renderMarkdown } from "../content/render";
import type { Question } from "@/lib/content/schema";
import type { Response } from "./response";
import { questionType } from "@/lib/question-types/registry";

/** The learner's answer as readable lines; [] when unanswered. */
export function describeResponse(question: Question, response: Response | null): string[] {
  if (!response || response.type !== question.type) return [];
  return questionType(question.type).describeResponse(question, response);
}

/** The key as readable lines. */
export function describeKey(question: Question): string[] {
  return questionType(question.type).describeKey(question);
}

/** Per-option feedback for choice questions: what each option was, whether it was right, whether it was chosen. */
/** One option once the key may be shown: its text and feedback, each also rendered as sanitised Markdown. */
export type OptionFeedback = {
  text: string;
  html: string;
  correct: boolean;
  chosen: boolean;
  feedback: string | null;
  feedbackHtml: string | null;
};

export function describeOptionFeedback(question: Question, response: Response | null): OptionFeedback[] {
  if (question.type !== "single" && question.type !== "multiple") return [];
  const chosen = new Set<string>(
    response?.type === "single" && response.optionId ? [response.optionId] : response?.type === "multiple" ? response.optionIds : [],
  );
  return question.options.map((o) => ({
    text: o.text,
    html: renderInlineMarkdown(o.text),
    correct: o.correct,
    chosen: chosen.has(o.id),
    feedback: o.feedback ?? null,
    feedbackHtml: o.feedback ? renderMarkdown(o.feedback) : null,
  }));
}

// Owns where a question's fact comes from, as a learner sees it: article paragraphs, or outside sources with links.
import type { Citation, Question, Source } from "./schema";

/** What the feedback screen prints under a question: "From the article, paragraph 4" and/or "Outside source: …". */
export type QuestionProvenance = {
  /** Article paragraphs that state the fact ("P4"), only when the article states it. */
  paragraphs: string[];
  /** Sources beyond the article, with titles and links resolved from the lesson. */
  outside: Array<{ title: string; publisher: string; url: string | null }>;
};

/** Looks up the question's `outsideSources` in the lesson's sources (ids were checked by consistency.ts). */
function citationsFrom(ids: readonly string[], sources: readonly Source[]): Citation[] {
  return ids.flatMap((id) => {
    const s = sources.find((x) => x.id === id);
    return s ? [{ id, title: s.title, publisher: s.publisher, url: s.url ?? null }] : [];
  });
}

/** The loader stores each question with its citations, so a version keeps the citations it was shown with. */
export function resolveCitations<Q extends Question>(question: Q, lesson: { sources: readonly Source[] }): Q {
  const ids = question.outsideSources ?? [];
  if (ids.length === 0) return { ...question, citations: undefined };
  return { ...question, citations: citationsFrom(ids, lesson.sources) };
}

/**
 * Provenance of a stored question version. Versions seeded before provenance existed have neither `citations` nor
 * `outsideSources`; they fall back to their paragraphs, as they were shown before. Passing the lesson resolves
 * outside sources for a question that has ids but no stored citations.
 */
export function questionProvenance(
  question: Pick<Question, "paragraphs" | "outsideSources" | "citations">,
  lesson?: { sources: readonly Source[] } | null,
): QuestionProvenance {
  const citations = question.citations ?? (lesson ? citationsFrom(question.outsideSources ?? [], lesson.sources) : []);
  return {
    paragraphs: question.paragraphs ?? [],
    outside: citations.map(({ title, publisher, url }) => ({ title, publisher, url })),
  };
}

/** "From the article, paragraph 4" / "From the article, paragraphs 1 and 4"; empty when no paragraph. */
export function describeArticleParagraphs(paragraphs: readonly string[]): string {
  const numbers = paragraphs.map((p) => p.replace(/^P/, ""));
  if (numbers.length === 0) return "";
  if (numbers.length === 1) return `From the article, paragraph ${numbers[0]}`;
  return `From the article, paragraphs ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
}

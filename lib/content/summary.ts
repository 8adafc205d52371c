// Owns the one-line content summary printed by `npm run content:check`.
import { APPLY_OR_ABOVE, QUESTION_TYPES, type QuestionType } from "./schema";
import type { Course } from "./loader";

export type TopicSummary = {
  questions: number;
  types: Partial<Record<QuestionType, number>>;
  /** Share of the topic's questions at Bloom level apply, analyse or evaluate (0–1, two decimals). */
  applyShare: number;
  /** Questions whose fact the article states (they carry `paragraphs`). */
  withParagraph: number;
  /** Questions that cite at least one source beyond the article. */
  withOutsideSource: number;
  charts: number;
};

export type CourseSummary = {
  topics: number;
  lessons: number;
  questions: number;
  types: Record<QuestionType, number>;
  byTopic: Record<string, TopicSummary>;
};

export function summariseCourse(course: Course): CourseSummary {
  const types = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  const byTopic: Record<string, TopicSummary> = {};
  let questions = 0;
  for (const lesson of course.lessons)
    byTopic[lesson.topic] = { questions: 0, types: {}, applyShare: 0, withParagraph: 0, withOutsideSource: 0, charts: lesson.charts.length };
  for (const bank of course.banks) {
    const t = (byTopic[bank.topic] ??= { questions: 0, types: {}, applyShare: 0, withParagraph: 0, withOutsideSource: 0, charts: 0 });
    let applied = 0;
    for (const q of bank.questions) {
      types[q.type] += 1;
      t.types[q.type] = (t.types[q.type] ?? 0) + 1;
      t.questions += 1;
      questions += 1;
      if (q.bloom !== undefined && APPLY_OR_ABOVE.has(q.bloom)) applied += 1;
      if (q.paragraphs.length > 0) t.withParagraph += 1;
      if (q.outsideSources.length > 0) t.withOutsideSource += 1;
    }
    t.applyShare = t.questions === 0 ? 0 : Math.round((applied / t.questions) * 100) / 100;
  }
  const topics = new Set([...course.lessons.map((l) => l.topic), ...course.banks.map((b) => b.topic)]).size;
  return { topics, lessons: course.lessons.length, questions, types, byTopic };
}

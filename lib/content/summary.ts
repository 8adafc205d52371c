// Owns the one-line content summary printed by `npm run content:check`.
import { QUESTION_TYPES, type QuestionType } from "./schema";
import type { Course } from "./loader";

export type CourseSummary = {
  topics: number;
  lessons: number;
  questions: number;
  types: Record<QuestionType, number>;
  byTopic: Record<string, number>;
};

export function summariseCourse(course: Course): CourseSummary {
  const types = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  const byTopic: Record<string, number> = {};
  let questions = 0;
  for (const bank of course.banks) {
    byTopic[bank.topic] = (byTopic[bank.topic] ?? 0) + bank.questions.length;
    for (const q of bank.questions) {
      types[q.type] += 1;
      questions += 1;
    }
  }
  const topics = new Set([...course.lessons.map((l) => l.topic), ...course.banks.map((b) => b.topic)]).size;
  return { topics, lessons: course.lessons.length, questions, types, byTopic };
}

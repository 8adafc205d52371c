// Owns cross-file content rules: keys consistent with options, references that resolve, no duplicates.
import type { Bank, Lesson, Module, Question } from "./schema";
import { gradeShort } from "../grading/short";
import { duplicates } from "../question-types/definition";
import { questionType } from "../question-types/registry";

type BankWithFile = Bank & { file: string };

/** Problems with one question's key, in isolation from other files (the question type's own rules). */
export function questionKeyProblems(q: Question): string[] {
  return questionType(q.type).keyProblems(q);
}

/** Cross-file rules: every bank's topic has a lesson, keys are unique, sections and sources resolve. */
export function checkCourseConsistency(lessons: Lesson[], banks: BankWithFile[], courseModule?: Module): string[] {
  const problems: string[] = [];
  const lessonByTopic = new Map<string, Lesson>();
  for (const lesson of lessons) {
    if (lessonByTopic.has(lesson.topic)) problems.push(`lesson for topic "${lesson.topic}" appears twice`);
    lessonByTopic.set(lesson.topic, lesson);
    const sourceIds = new Set(lesson.sources.map((s) => s.id));
    for (const d of duplicates(lesson.sections.map((s) => s.id)))
      problems.push(`lesson "${lesson.topic}": section id "${d}" appears twice`);
    for (const d of duplicates(lesson.sources.map((s) => s.id)))
      problems.push(`lesson "${lesson.topic}": source id "${d}" appears twice`);
    for (const section of lesson.sections)
      for (const s of section.sources)
        if (!sourceIds.has(s)) problems.push(`lesson "${lesson.topic}" section "${section.id}": unknown source "${s}"`);
    for (const entry of lesson.timeline) {
      for (const s of entry.outsideSources)
        if (!sourceIds.has(s)) problems.push(`lesson "${lesson.topic}" timeline ${entry.date}: field "outsideSources": unknown source "${s}"`);
      if (entry.paragraphs.length === 0 && entry.outsideSources.length === 0)
        problems.push(`lesson "${lesson.topic}" timeline ${entry.date}: needs "paragraphs" (the article states it) or "outsideSources"`);
    }
    for (const box of lesson.anotherView) {
      if (!lesson.sections.some((s) => s.id === box.section))
        problems.push(`lesson "${lesson.topic}" another view "${box.title}": field "section": no section "${box.section}"`);
      for (const s of box.outsideSources)
        if (!sourceIds.has(s)) problems.push(`lesson "${lesson.topic}" another view "${box.title}": unknown source "${s}"`);
    }
    for (const d of duplicates(lesson.charts.map((c) => c.id))) problems.push(`lesson "${lesson.topic}": chart id "${d}" appears twice`);
  }
  for (const d of duplicates(lessons.map((l) => String(l.order)))) problems.push(`two lessons share order ${d}`);

  const keyFile = new Map<string, string>();
  const bankTopics = new Set<string>();
  for (const bank of banks) {
    if (bankTopics.has(bank.topic)) problems.push(`${bank.file}: a second bank for topic "${bank.topic}"`);
    bankTopics.add(bank.topic);
    const lesson = lessonByTopic.get(bank.topic);
    if (!lesson) problems.push(`${bank.file}: field "topic": unknown topic "${bank.topic}" (no lesson has it)`);
    const sectionIds = new Set(lesson?.sections.map((s) => s.id) ?? []);
    const sourceIds = new Set(lesson?.sources.map((s) => s.id) ?? []);
    for (const q of bank.questions) {
      const at = `${bank.file}: question "${q.key}"`;
      const other = keyFile.get(q.key);
      if (other) problems.push(`${at}: field "key": duplicate question key (also in ${other})`);
      keyFile.set(q.key, bank.file);
      if (lesson && q.section !== undefined && !sectionIds.has(q.section))
        problems.push(`${at}: field "section": no section "${q.section}" in the ${bank.topic} lesson`);
      for (const s of q.outsideSources)
        if (!sourceIds.has(s)) problems.push(`${at}: field "outsideSources": unknown source "${s}"`);
      if (q.paragraphs.length === 0 && q.outsideSources.length === 0)
        problems.push(`${at}: field "paragraphs": give the article paragraphs that state the fact, or "outsideSources" when the article does not`);
      if (lesson && q.type === "short" && q.term !== undefined) problems.push(...termProblems(q, lesson).map((p) => `${at}: ${p}`));
      for (const p of questionKeyProblems(q)) problems.push(`${at}: ${p}`);
    }
  }
  if (courseModule) {
    for (const d of duplicates(courseModule.quizzes.map((q) => q.slug))) problems.push(`module.yaml: quiz slug "${d}" appears twice`);
    for (const quiz of courseModule.quizzes) {
      for (const t of quiz.topics)
        if (!bankTopics.has(t)) problems.push(`module.yaml: quiz "${quiz.slug}": field "topics": no bank for topic "${t}"`);
      if (quiz.kind === "fixed") {
        if (quiz.questionKeys.length === 0) problems.push(`module.yaml: quiz "${quiz.slug}": a fixed quiz needs questionKeys`);
        for (const k of quiz.questionKeys)
          if (!keyFile.has(k)) problems.push(`module.yaml: quiz "${quiz.slug}": field "questionKeys": unknown question "${k}"`);
      }
    }
  }
  return problems;
}

/** A short question that asks for a lesson key term must accept that term exactly as the lesson prints it. */
function termProblems(q: Extract<Question, { type: "short" }>, lesson: Lesson): string[] {
  const entry = lesson.keyTerms.find((k) => k.term === q.term);
  if (!entry) return [`field "term": no key term "${q.term}" in the ${lesson.topic} lesson`];
  const graded = gradeShort(q, { type: "short", text: entry.term });
  return graded.status === "correct" ? [] : [`field "accepted": the lesson's key term "${entry.term}" would be marked wrong`];
}

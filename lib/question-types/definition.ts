// Owns the contract every question type fulfils: the registry (registry.ts) holds one of these per type, so adding a
// type to QUESTION_TYPES fails to compile until each obligation below is provided.
import type { z } from "zod";
import type { QuestionOf, QuestionType } from "../content/schema";
import type { GradeResult } from "../grading/grade-result";
import type { GradeDetailOf } from "../grading/grade-detail";
import type { ClientResponseOf, ResponseOf } from "../grading/response";
import type { PresentTools, PresentedPart } from "../grading/presentation-parts";
import type { ClientResponseMapping, PresentationOf, UnrenderedQuestionForAttemptOf } from "../grading/presentation";

export type QuestionTypeDefinition<T extends QuestionType> = {
  type: T;
  /** What authors and instructors call it ("Single choice"). */
  label: string;
  /** One sentence on what the learner does and how it is graded. */
  description: string;
  /** The authored shape (lib/content/schema.ts); the bank loader validates with the union of these. */
  schema: z.ZodType<QuestionOf<T>, unknown>;
  /** The answer a learner gives by leaving the question alone; the grader scores it as unanswered. */
  emptyResponse: ResponseOf<T>;
  /** The grader (lib/grading/<type>.ts): pure, never throws. */
  grade: (question: QuestionOf<T>, response: ResponseOf<T>) => GradeResult<GradeDetailOf<T>>;
  /** Authoring mistakes zod cannot express alone (a single choice with two keys, duplicate ids); [] when none. */
  keyProblems: (question: QuestionOf<T>) => string[];
  /** The per-attempt presentation: fresh opaque tokens for every part, shuffled so order and ids do not give the key away. */
  present: (question: QuestionOf<T>, tools: PresentTools) => PresentationOf<T>;
  /** Content ids a presentation must show, per part list; the names match `shownParts`. */
  expectedParts: (question: QuestionOf<T>) => Record<string, string[]>;
  /** The part lists a stored presentation holds. */
  shownParts: (presentation: PresentationOf<T>) => Record<string, PresentedPart[]>;
  /**
   * The question as the browser may see it during an attempt, built field by field (never spread from content) so
   * nothing added to the content schema can leak; QuestionForAttempt's compile-time guard refuses answer fields.
   */
  toClient: (question: QuestionOf<T>, presentation: PresentationOf<T>) => UnrenderedQuestionForAttemptOf<T>;
  /** Browser answer (opaque ids) → content ids, validated against what this attempt showed; errors are sentences. */
  fromClient: (answer: ClientResponseOf<T>, presentation: PresentationOf<T>) => ClientResponseMapping;
  /** Saved answer (content ids) → opaque ids, leniently (unknown ids dropped), to restore the learner's controls. */
  toClientResponse: (response: ResponseOf<T>, presentation: PresentationOf<T>) => ClientResponseOf<T>;
  /** The learner's answer as readable lines for review; [] when unanswered. */
  describeResponse: (question: QuestionOf<T>, response: ResponseOf<T>) => string[];
  /** The key as readable lines (review after the attempt, the instructor's bank page). */
  describeKey: (question: QuestionOf<T>) => string[];
  // Import/export mappers (GIFT, Moodle XML, QTI 3.0) join here as fields when those formats arrive.
};

/** Repeated values, each once. */
export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups];
}

/** "duplicate id" problems for a question's authored part ids. */
export function duplicateIdProblems(ids: readonly string[]): string[] {
  return duplicates(ids).map((d) => `duplicate id "${d}"`);
}

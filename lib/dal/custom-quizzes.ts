// Owns quizzes an instructor makes for one class: N questions drawn from chosen topics, or a fixed list of questions.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { UserError } from "./errors";
import { assertTeaches, questionUsableBy } from "./scopes";
import { CUSTOM_QUIZ_MAX_QUESTIONS } from "@/lib/quiz/limits";
import type { Viewer } from "./viewer";
import type { QuizKind } from "@/lib/generated/prisma/enums";

export type CustomQuizInput = {
  title: string;
  /** Draw from these topics (ignored when questionKeys is given). */
  topics: string[];
  questionCount: number;
  /** A fixed list, in order; empty for a drawn quiz. */
  questionKeys: string[];
};

/** Creates the quiz for the class; it can then be assigned there like any course quiz (and nowhere else). */
export async function createCustomQuiz(
  viewer: Viewer,
  classId: string,
  input: CustomQuizInput,
): Promise<{ quizId: string; title: string }> {
  await assertTeaches(viewer, classId);
  const title = input.title.trim();
  if (!title || title.length > 120) throw new UserError("Give the quiz a title of at most 120 characters.");
  const keys = [...new Set(input.questionKeys.map((k) => k.trim()).filter(Boolean))];
  let kind: QuizKind;
  let topicSlugs: string[];
  let questionCount: number;
  if (keys.length > 0) {
    if (keys.length > CUSTOM_QUIZ_MAX_QUESTIONS) throw new UserError(`A quiz has at most ${CUSTOM_QUIZ_MAX_QUESTIONS} questions.`);
    const found = await db().question.findMany({
      where: { key: { in: keys }, retiredAt: null, ...questionUsableBy(viewer) },
      select: { key: true, topicSlug: true },
    });
    const missing = keys.filter((k) => !found.some((f) => f.key === k));
    if (missing.length) throw new UserError(`These question keys are not in the bank (see the question bank page): ${missing.join(", ")}.`);
    kind = "FIXED";
    topicSlugs = [...new Set(keys.map((k) => found.find((f) => f.key === k)!.topicSlug))];
    questionCount = keys.length;
  } else {
    const topics = [...new Set(input.topics)];
    if (topics.length === 0) throw new UserError("Choose at least one topic, or list question keys.");
    const known = await db().topic.findMany({ where: { slug: { in: topics }, retiredAt: null }, select: { slug: true } });
    if (known.length !== topics.length) throw new UserError("One of the chosen topics does not exist.");
    if (!Number.isInteger(input.questionCount) || input.questionCount < 1 || input.questionCount > CUSTOM_QUIZ_MAX_QUESTIONS)
      throw new UserError(`Draw between 1 and ${CUSTOM_QUIZ_MAX_QUESTIONS} questions.`);
    kind = topics.length === 1 ? "TOPIC" : "MIXED";
    topicSlugs = topics;
    questionCount = input.questionCount;
  }
  const quiz = await db().quiz.create({
    data: {
      // Custom slugs cannot collide with content slugs, which are plain words.
      slug: `class-quiz-${randomBytes(6).toString("hex")}`,
      title,
      kind,
      topicSlugs,
      questionCount,
      questionKeys: kind === "FIXED" ? keys : [],
      order: 1000,
      classId,
      createdById: viewer.id,
    },
    select: { id: true, title: true },
  });
  return { quizId: quiz.id, title: quiz.title };
}

// Owns loading validated content into the database: topics, lessons, immutable question versions, quizzes.
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Course } from "@/lib/content/loader";
import type { Question, QuizDefinition } from "@/lib/content/schema";
import { QuizKind } from "@/lib/generated/prisma/enums";

/** content/module.yaml spells quiz kinds in lower case; the database keeps the schema's enum. */
const QUIZ_KINDS: Record<QuizDefinition["kind"], QuizKind> = { topic: QuizKind.TOPIC, mixed: QuizKind.MIXED, fixed: QuizKind.FIXED };

export type SeedReport = {
  topics: number;
  lessonsChanged: number;
  questionsCreated: number;
  questionVersionsCreated: number;
  questionsRetired: number;
  quizzesChanged: number;
};

/** Key order must not change a hash, or re-seeding unchanged content would create versions. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

export function contentHash(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex");
}

/**
 * Idempotent and all-or-nothing (one transaction): unchanged content writes nothing; an edited question gets a new
 * version (old versions stay for the attempts that showed them); a removed question is retired, never deleted.
 */
export async function unsafeSeedContent(course: Course, now = new Date()): Promise<SeedReport> {
  const report: SeedReport = {
    topics: course.lessons.length,
    lessonsChanged: 0,
    questionsCreated: 0,
    questionVersionsCreated: 0,
    questionsRetired: 0,
    quizzesChanged: 0,
  };
  await db().$transaction(
    async (tx) => {
      const topics = await tx.topic.findMany();
      const topicBySlug = new Map(topics.map((t) => [t.slug, t]));
      for (const lesson of course.lessons) {
        const t = topicBySlug.get(lesson.topic);
        if (!t) await tx.topic.create({ data: { slug: lesson.topic, title: lesson.title, order: lesson.order } });
        else if (t.title !== lesson.title || t.order !== lesson.order || t.retiredAt)
          await tx.topic.update({ where: { slug: t.slug }, data: { title: lesson.title, order: lesson.order, retiredAt: null } });
        const hash = contentHash(lesson);
        const existing = await tx.lesson.findUnique({ where: { topicSlug: lesson.topic }, select: { contentHash: true } });
        if (existing?.contentHash !== hash) {
          const data = JSON.parse(JSON.stringify(lesson));
          await tx.lesson.upsert({
            where: { topicSlug: lesson.topic },
            create: { topicSlug: lesson.topic, title: lesson.title, data, contentHash: hash },
            update: { title: lesson.title, data, contentHash: hash },
          });
          report.lessonsChanged += 1;
        }
      }
      for (const t of topics)
        if (!course.lessons.some((l) => l.topic === t.slug) && !t.retiredAt)
          await tx.topic.update({ where: { slug: t.slug }, data: { retiredAt: now } });

      // The course's own questions only: an instructor's bank questions are not the seed's to retire.
      const existingQuestions = await tx.question.findMany({
        where: { bankId: null },
        select: { id: true, key: true, topicSlug: true, retiredAt: true, currentVersion: { select: { contentHash: true } } },
      });
      const byKey = new Map(existingQuestions.map((q) => [q.key, q]));
      const seen = new Set<string>();
      for (const bank of course.banks) {
        for (const q of bank.questions) {
          seen.add(q.key);
          const hash = contentHash(q);
          const existing = byKey.get(q.key);
          if (!existing) {
            const created = await tx.question.create({ data: { key: q.key, topicSlug: bank.topic } });
            const version = await tx.questionVersion.create({ data: versionData(created.id, 1, hash, q) });
            await tx.question.update({ where: { id: created.id }, data: { currentVersionId: version.id } });
            report.questionsCreated += 1;
            report.questionVersionsCreated += 1;
            continue;
          }
          const needsTopicOrRevival = existing.topicSlug !== bank.topic || existing.retiredAt !== null;
          if (existing.currentVersion?.contentHash === hash) {
            if (needsTopicOrRevival)
              await tx.question.update({ where: { id: existing.id }, data: { topicSlug: bank.topic, retiredAt: null } });
            continue;
          }
          // An edit, or a revert to an earlier version (which is reused rather than duplicated).
          let version = await tx.questionVersion.findUnique({
            where: { questionId_contentHash: { questionId: existing.id, contentHash: hash } },
            select: { id: true },
          });
          if (!version) {
            const last = await tx.questionVersion.aggregate({ where: { questionId: existing.id }, _max: { version: true } });
            version = await tx.questionVersion.create({
              data: versionData(existing.id, (last._max.version ?? 0) + 1, hash, q),
              select: { id: true },
            });
            report.questionVersionsCreated += 1;
          }
          await tx.question.update({
            where: { id: existing.id },
            data: { currentVersionId: version.id, topicSlug: bank.topic, retiredAt: null },
          });
        }
      }
      for (const q of existingQuestions)
        if (!seen.has(q.key) && !q.retiredAt) {
          await tx.question.update({ where: { id: q.id }, data: { retiredAt: now } });
          report.questionsRetired += 1;
        }

      for (const [order, quiz] of course.module.quizzes.entries()) {
        const data = {
          title: quiz.title,
          kind: QUIZ_KINDS[quiz.kind],
          topicSlugs: quiz.topics,
          questionCount: quiz.kind === "fixed" ? quiz.questionKeys.length : quiz.questionCount,
          questionKeys: quiz.questionKeys,
          order,
        };
        const existing = await tx.quiz.findUnique({ where: { slug: quiz.slug } });
        if (existing && stableJson(pick(existing, Object.keys(data))) === stableJson(data)) continue;
        await tx.quiz.upsert({ where: { slug: quiz.slug }, create: { slug: quiz.slug, ...data }, update: data });
        report.quizzesChanged += 1;
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return report;
}

function versionData(questionId: string, version: number, hash: string, q: Question) {
  return {
    questionId,
    version,
    contentHash: hash,
    type: q.type,
    difficulty: q.difficulty,
    data: JSON.parse(JSON.stringify(q)),
  };
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

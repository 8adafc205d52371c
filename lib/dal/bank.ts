// Owns the instructor's view of the question bank: every question's current version, history and use, and export.
import "server-only";
import { stringify } from "yaml";
import { db } from "@/lib/db/client";
import { readQuestion } from "@/lib/db/json";
import { describeKey } from "@/lib/grading/describe";
import { AccessError, isInstructor, type Viewer } from "./viewer-rules";

export type BankQuestionDTO = {
  id: string;
  key: string;
  type: string;
  difficulty: string;
  prompt: string;
  keyText: string[];
  /** The lesson section that teaches it; an instructor's question may link none. */
  section: string | null;
  paragraphs: string[];
  versions: number;
  retired: boolean;
  timesAnswered: number;
  /** Mean score over every graded answer of any version, in %; null before anyone answered. */
  meanScore: number | null;
};

export type BankTopicDTO = { slug: string; title: string; questions: BankQuestionDTO[] };

function requireInstructor(viewer: Viewer): void {
  // The bank holds answer keys: instructors only, never learners.
  if (!isInstructor(viewer)) throw new AccessError("forbidden", "Only instructors can open the question bank.");
}

export async function listBank(viewer: Viewer): Promise<BankTopicDTO[]> {
  requireInstructor(viewer);
  const [topics, questions, usage] = await Promise.all([
    db().topic.findMany({ where: { retiredAt: null }, orderBy: { order: "asc" }, select: { slug: true, title: true } }),
    db().question.findMany({
      where: { bankId: null },
      orderBy: { key: "asc" },
      select: {
        id: true,
        key: true,
        topicSlug: true,
        retiredAt: true,
        currentVersion: { select: { id: true, type: true, difficulty: true, data: true } },
        _count: { select: { versions: true } },
      },
    }),
    db().$queryRaw<{ questionId: string; n: bigint; mean: number | null }[]>`
      SELECT qv."questionId", count(ai.id) AS n, avg(ai.fraction) AS mean
      FROM "AttemptItem" ai JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
      WHERE ai.fraction IS NOT NULL
      GROUP BY qv."questionId"`,
  ]);
  const use = new Map(usage.map((u) => [u.questionId, u]));
  return topics.map((t) => ({
    slug: t.slug,
    title: t.title,
    questions: questions
      .flatMap((q) => (q.topicSlug === t.slug && q.currentVersion ? [{ ...q, currentVersion: q.currentVersion }] : []))
      .map((q) => {
        const data = readQuestion(q.currentVersion.data, q.currentVersion.id);
        const u = use.get(q.id);
        return {
          id: q.id,
          key: q.key,
          type: q.currentVersion.type,
          difficulty: q.currentVersion.difficulty,
          prompt: data.prompt,
          keyText: describeKey(data),
          section: data.section ?? null,
          paragraphs: data.paragraphs,
          versions: q._count.versions,
          retired: q.retiredAt !== null,
          timesAnswered: Number(u?.n ?? 0),
          meanScore: u?.mean === null || u?.mean === undefined ? null : Math.round(Number(u.mean) * 100),
        };
      }),
  }));
}

/** The current versions of a topic's questions as a bank file in the same YAML format authors edit. */
export async function exportBankYaml(viewer: Viewer, topicSlug: string): Promise<string | null> {
  requireInstructor(viewer);
  const rows = await db().question.findMany({
    where: { topicSlug, bankId: null, retiredAt: null },
    orderBy: { key: "asc" },
    select: { currentVersion: { select: { data: true } } },
  });
  if (rows.length === 0) return null;
  return stringify({ topic: topicSlug, questions: rows.map((r) => r.currentVersion?.data).filter(Boolean) }, { lineWidth: 0 });
}

// Owns reading authored questions by version id. A QuestionVersion row never changes once written (an edit writes a
// new version; lib/dal/content-seed.ts and the bank editor only insert), so its parsed, validated question can be kept
// in memory and shared: every autosave, start, attempt page and grading needs the questions of an attempt, and reading
// and zod-validating their JSON on each request was a large share of those requests' CPU when a class sits an exam.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { readQuestion } from "@/lib/db/json";
import type { Question } from "@/lib/content/schema";
import { BoundedMap } from "@/lib/runtime/bounded-map";

/** Enough for every version a busy instance serves (the course has ~200 questions; banks add a few thousand). */
const MAX_CACHED_VERSIONS = 5_000;

// Least recently used first: `touch` on every hit.
const cache = new BoundedMap<string, Question>(MAX_CACHED_VERSIONS);

/**
 * The questions of these versions, keyed by version id. Read from the database only for versions not yet in memory,
 * in one query. The objects are frozen: they are shared between requests, so a caller that needs a changed copy must
 * make one. A version id that does not exist is simply absent from the map.
 */
export async function questionsByVersion(
  versionIds: readonly string[],
  // Inside a transaction, read through it: waiting for a second pooled connection while holding one can starve the pool.
  client: { questionVersion: Pick<Db["questionVersion"], "findMany"> } = db(),
): Promise<Map<string, Question>> {
  const out = new Map<string, Question>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const hit = cache.touch(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await client.questionVersion.findMany({ where: { id: { in: missing } }, select: { id: true, data: true } });
    for (const row of rows) out.set(row.id, cache.set(row.id, deepFreeze(readQuestion(row.data, row.id))));
  }
  return out;
}

/** The question of one version; throws if the version does not exist (an attempt item always points at one). */
export async function questionOfVersion(versionId: string): Promise<Question> {
  const question = (await questionsByVersion([versionId])).get(versionId);
  if (!question) throw new Error(`question version ${versionId} does not exist`);
  return question;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

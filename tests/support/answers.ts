// Known-right and known-wrong answers built from a question's key, in content ids: shared by unit, integration
// and bench code that needs to answer questions (never used by the app itself).
import type { Question, QuestionOf, QuestionType } from "@/lib/content/schema";
import type { Response, ResponseOf } from "@/lib/grading/response";

type KnownAnswers<T extends QuestionType> = {
  /** The key as a content-id response (what a learner who knows the answer would give). */
  right: (q: QuestionOf<T>) => ResponseOf<T>;
  /** A surely-wrong answer of the right type. */
  wrong: (q: QuestionOf<T>) => ResponseOf<T>;
};

// Keyed by every question type, like the registry: a new type fails to compile here until tests can answer it.
const KNOWN_ANSWERS: { [T in QuestionType]: KnownAnswers<T> } = {
  single: {
    right: (q) => ({ type: "single", optionId: q.options.find((o) => o.correct)!.id }),
    wrong: (q) => ({ type: "single", optionId: q.options.find((o) => !o.correct)!.id }),
  },
  multiple: {
    right: (q) => ({ type: "multiple", optionIds: q.options.filter((o) => o.correct).map((o) => o.id) }),
    wrong: (q) => ({ type: "multiple", optionIds: q.options.filter((o) => !o.correct).map((o) => o.id) }),
  },
  truefalse: {
    right: (q) => ({ type: "truefalse", value: q.answer }),
    wrong: (q) => ({ type: "truefalse", value: !q.answer }),
  },
  numeric: {
    right: (q) => ({ type: "numeric", text: String(q.answer) }),
    wrong: (q) => ({ type: "numeric", text: String(q.answer + q.tolerance + 1000) }),
  },
  short: {
    right: (q) => ({ type: "short", text: q.accepted[0] }),
    wrong: () => ({ type: "short", text: "zzz not an answer" }),
  },
  ordering: {
    right: (q) => ({ type: "ordering", order: q.items.map((i) => i.id) }),
    wrong: (q) => ({ type: "ordering", order: q.items.map((i) => i.id).reverse() }),
  },
  matching: {
    right: (q) => ({ type: "matching", pairs: Object.fromEntries(q.pairs.map((p) => [p.id, p.id])) }),
    wrong: (q) => {
      const ids = q.pairs.map((p) => p.id);
      return { type: "matching", pairs: Object.fromEntries(ids.map((id, i) => [id, ids[(i + 1) % ids.length]])) };
    },
  },
};

const knownAnswers = <T extends QuestionType>(type: T): KnownAnswers<T> => KNOWN_ANSWERS[type];

/** The key of a question as a content-id response (what a learner who knows the answer would give). */
export function correctResponse(q: Question): Response {
  return knownAnswers(q.type).right(q);
}

/** A surely-wrong answer of the right type. */
export function wrongResponse(q: Question): Response {
  return knownAnswers(q.type).wrong(q);
}

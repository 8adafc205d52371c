// Owns grading of ordering questions (e.g. put events on a timeline).
//
// Rule: the share of all item pairs that the learner put in the correct relative order — a Kendall
// tau–style score, the same quantity as Moodle's "relative to ALL the previous and next items".
//   n = number of items, total pairs = n(n−1)/2,
//   fraction = (pairs {x, y} placed with x before y where x comes before y in the key) / total pairs.
// So one adjacent swap in a list of 5 costs 1/10, the exact reverse scores 0, and full credit (1) is
// given only for the exact order: any out-of-order pair or any missing item keeps it below 1.
// Chosen over "absolute position" because moving one early event to the end would zero that rule
// while the learner still knows most of the sequence; chosen over "longest ordered subsequence"
// because each pair is a separate fact ("A happened before B") a learner does or does not know.
// Input handling, deterministic: ids the question does not have are ignored (they say nothing
// about the relative order of real items); an item listed more than once has no single position,
// so all its occurrences are dropped and it counts as unplaced; an unplaced item makes every pair
// that involves it count as not in order (the denominator is always the question's n(n−1)/2).
// Hence full credit needs every item exactly once, in the key's order. An order that lists no item
// of the question at all is "unanswered". The server rejects all of these earlier, when it maps
// opaque ids back (presentation.ts), so they only arise from stored or hand-built responses.
import type { QuestionOf } from "../content/schema";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type OrderingGradeDetail = {
  type: "ordering";
  /** The items the learner placed, in their order, with where each belongs (0-based positions among placed items). */
  placed: { id: string; position: number; correctPosition: number; atCorrectPosition: boolean }[];
  /** Items that are not placed: never listed, or listed more than once. */
  missing: string[];
  /** Items listed more than once (each also in `missing`). */
  repeated: string[];
  /** Listed ids the question does not have, ignored. */
  unknown: string[];
  pairsInOrder: number;
  totalPairs: number;
};

export function gradeOrdering(question: QuestionOf<"ordering">, response: ResponseOf<"ordering">): GradeResult<OrderingGradeDetail> {
  const correctPosition = new Map(question.items.map((item, i) => [item.id, i]));
  const timesListed = new Map<string, number>();
  for (const id of response.order) timesListed.set(id, (timesListed.get(id) ?? 0) + 1);
  const unknown = [...timesListed.keys()].filter((id) => !correctPosition.has(id));
  const repeated = [...timesListed].filter(([id, count]) => correctPosition.has(id) && count > 1).map(([id]) => id);
  const placed = response.order
    .filter((id) => correctPosition.has(id) && timesListed.get(id) === 1)
    .map((id, position) => {
      const correct = correctPosition.get(id)!;
      return { id, position, correctPosition: correct, atCorrectPosition: position === correct };
    });
  const placedIds = new Set(placed.map((p) => p.id));

  let pairsInOrder = 0;
  placed.forEach((earlier, i) => {
    for (const later of placed.slice(i + 1)) if (earlier.correctPosition < later.correctPosition) pairsInOrder++;
  });
  const n = question.items.length;
  const totalPairs = (n * (n - 1)) / 2;

  const detail: OrderingGradeDetail = {
    type: "ordering",
    placed,
    missing: question.items.filter((item) => !placedIds.has(item.id)).map((item) => item.id),
    repeated,
    unknown,
    pairsInOrder,
    totalPairs,
  };
  // Integer ratio: exactly 1 only when every pair of all n items is in order, i.e. the exact order.
  const answered = placed.length > 0 || repeated.length > 0;
  return makeGradeResult(question, answered, totalPairs > 0 ? pairsInOrder / totalPairs : 0, detail);
}

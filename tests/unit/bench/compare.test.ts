// The bench's "both paths graded alike" check: it must catch a difference, and must not pass two paths that did nothing.
import { describe, expect, it } from "vitest";
import { compareOutcomes, type Outcome } from "@/bench/compare";

const graded = (points: number): Outcome => ({
  attempt: { status: "FINISHED", points, maxPoints: 8, fraction: points / 8, openSlot: null },
  items: [{ position: 0, fraction: 1, points: 1, maxPoints: 1, gradeDetail: { status: "correct", detail: null } }],
  cards: [{ questionId: "q1", stability: 2.3, difficulty: 5.1, reps: 1, state: 1 }],
  logs: 8,
});

describe("compareOutcomes", () => {
  it("passes cohorts that graded alike", () => {
    expect(compareOutcomes([graded(5), graded(6)], [graded(5), graded(6)])).toEqual({ compared: 2, mismatches: 0, firstMismatch: null });
  });

  it("catches a seeded difference in a total, naming the learner", () => {
    const r = compareOutcomes([graded(5), graded(6)], [graded(5), graded(7)]);
    expect(r.mismatches).toBe(1);
    expect(r.firstMismatch).toMatch(/^learner 2: /);
  });

  it("catches a difference deep in an item's grade detail or a card", () => {
    const x = graded(5);
    const y = graded(5);
    (y.items[0] as { gradeDetail: { status: string } }).gradeDetail.status = "partial";
    expect(compareOutcomes([x], [y]).mismatches).toBe(1);
    const z = graded(5);
    (z.cards[0] as { stability: number }).stability = 2.30000001;
    expect(compareOutcomes([x], [z]).mismatches).toBe(1);
  });

  it("catches a missing learner and an empty comparison", () => {
    expect(compareOutcomes([graded(5)], [graded(5), graded(6)]).mismatches).toBe(1);
    expect(compareOutcomes([], [])).toMatchObject({ compared: 0, mismatches: 1, firstMismatch: "no learners were compared" });
  });

  it("fails pairs that agree only because neither was graded", () => {
    const open: Outcome = { attempt: { status: "IN_PROGRESS", points: null }, items: [], cards: [], logs: 0 };
    const r = compareOutcomes([open], [structuredClone(open)]);
    expect(r.mismatches).toBe(1);
    expect(r.firstMismatch).toMatch(/ungraded/);
  });
});

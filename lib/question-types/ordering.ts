// Owns the ordering question type: put 3–8 items (authored in the correct order) back in order.
import { OrderingSchema } from "../content/schema";
import { gradeOrdering } from "../grading/ordering";
import { idMap, knownTokens, showParts, tokenMap } from "../grading/presentation-parts";
import { duplicateIdProblems, type QuestionTypeDefinition } from "./definition";

export const ordering: QuestionTypeDefinition<"ordering"> = {
  type: "ordering",
  label: "Ordering",
  description: "Put the items in order; credit for each pair placed in the right relative order.",
  schema: OrderingSchema,
  emptyResponse: { type: "ordering", order: [] },
  grade: gradeOrdering,
  keyProblems: (q) => duplicateIdProblems(q.items.map((i) => i.id)),
  // Items are authored in the key's order, so the shown order is never the key (see shuffleAwayFromKey).
  present: (q, tools) => ({ version: 1, type: "ordering", items: tools.shuffleAwayFromKey(tools.present(q.items.map((i) => i.id))) }),
  expectedParts: (q) => ({ items: q.items.map((i) => i.id) }),
  shownParts: (p) => ({ items: p.items }),
  toClient: (q, p) => ({
    type: "ordering",
    prompt: q.prompt,
    points: q.points,
    items: showParts(p.items, new Map(q.items.map((i) => [i.id, i.text]))),
  }),
  fromClient(answer, presentation) {
    const items = presentation.items;
    const byToken = tokenMap(items);
    if (answer.order.length === 0) return { ok: true, response: { type: "ordering", order: [] } };
    const ids = answer.order.map((t) => byToken.get(t));
    if (ids.some((id) => id === undefined)) return { ok: false, error: "The order includes an item that is not part of this question." };
    if (new Set(ids).size !== ids.length) return { ok: false, error: "An item appears more than once in the order." };
    if (ids.length !== items.length) return { ok: false, error: "The order must include every item exactly once." };
    return { ok: true, response: { type: "ordering", order: ids as string[] } };
  },
  toClientResponse: (response, presentation) => ({ type: "ordering", order: knownTokens(response.order, idMap(presentation.items)) }),
  describeResponse: (question, response) =>
    response.order
      .map((id) => question.items.find((i) => i.id === id)?.text)
      .filter((t): t is string => Boolean(t))
      .map((t, i) => `${i + 1}. ${t}`),
  describeKey: (q) => q.items.map((i, n) => `${n + 1}. ${i.text}`),
};

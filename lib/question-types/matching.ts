// Owns the matching question type: each left item gets one right-hand choice (pair rights plus distractors).
import { MatchingSchema } from "../content/schema";
import { normaliseText } from "../content/normalise";
import { gradeMatching } from "../grading/matching";
import { listMatchingRightChoices } from "../grading/content-ids";
import { idMap, showParts, tokenMap } from "../grading/presentation-parts";
import { duplicateIdProblems, duplicates, type QuestionTypeDefinition } from "./definition";

export const matching: QuestionTypeDefinition<"matching"> = {
  type: "matching",
  label: "Matching",
  description: "Match each item on the left with one choice on the right; credit per correct match.",
  schema: MatchingSchema,
  emptyResponse: { type: "matching", pairs: {} },
  grade: gradeMatching,
  keyProblems(q) {
    const out: string[] = [];
    const rights = [...q.pairs.map((p) => p.right), ...q.distractors].map(normaliseText);
    for (const d of duplicates(rights)) out.push(`field "pairs": right-hand choice "${d}" appears twice`);
    for (const d of duplicates(q.pairs.map((p) => normaliseText(p.left)))) out.push(`field "pairs": left item "${d}" appears twice`);
    return [...out, ...duplicateIdProblems(q.pairs.map((p) => p.id))];
  },
  // Left items keep their authored order; the right-hand choices (pair rights and distractors together) are shuffled.
  present: (q, tools) => ({
    version: 1,
    type: "matching",
    lefts: tools.present(q.pairs.map((p) => p.id)),
    rights: tools.shuffle(tools.present(listMatchingRightChoices(q).map((r) => r.id))),
  }),
  expectedParts: (q) => ({ lefts: q.pairs.map((p) => p.id), rights: listMatchingRightChoices(q).map((r) => r.id) }),
  shownParts: (p) => ({ lefts: p.lefts, rights: p.rights }),
  toClient: (q, p) => ({
    type: "matching",
    prompt: q.prompt,
    points: q.points,
    lefts: showParts(p.lefts, new Map(q.pairs.map((pair) => [pair.id, pair.left]))),
    rights: showParts(p.rights, new Map(listMatchingRightChoices(q).map((r) => [r.id, r.text]))),
  }),
  fromClient(answer, p) {
    const leftByToken = tokenMap(p.lefts);
    const rightByToken = tokenMap(p.rights);
    const pairs: Record<string, string | null> = Object.fromEntries(p.lefts.map((l) => [l.id, null]));
    for (const [leftToken, rightToken] of Object.entries(answer.pairs)) {
      const leftId = leftByToken.get(leftToken);
      if (leftId === undefined) return { ok: false, error: "The answer matches an item that is not part of this question." };
      if (rightToken === null) continue;
      const rightId = rightByToken.get(rightToken);
      if (rightId === undefined) return { ok: false, error: "One of the chosen matches is not one of this question's choices." };
      pairs[leftId] = rightId;
    }
    return { ok: true, response: { type: "matching", pairs } };
  },
  toClientResponse(response, p) {
    const leftById = idMap(p.lefts);
    const rightById = idMap(p.rights);
    const pairs: Record<string, string | null> = {};
    for (const [leftId, rightId] of Object.entries(response.pairs)) {
      const leftToken = leftById.get(leftId);
      if (leftToken !== undefined) pairs[leftToken] = (rightId !== null ? rightById.get(rightId) : undefined) ?? null;
    }
    return { type: "matching", pairs };
  },
  describeResponse(question, response) {
    const rights = listMatchingRightChoices(question);
    return question.pairs
      .filter((p) => response.pairs[p.id])
      .map((p) => `${p.left} → ${rights.find((c) => c.id === response.pairs[p.id])?.text ?? "—"}`);
  },
  describeKey: (q) => q.pairs.map((p) => `${p.left} → ${p.right}`),
};

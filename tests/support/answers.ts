// Known-right and known-wrong answers built from a question's key, in content ids: shared by unit, integration
// and bench code that needs to answer questions (never used by the app itself).
import type { Question } from "@/lib/content/schema";
import type { Response } from "@/lib/grading/response";

/** The key of a question as a content-id response (what a learner who knows the answer would give). */
export function correctResponse(q: Question): Response {
  switch (q.type) {
    case "single":
      return { type: "single", optionId: q.options.find((o) => o.correct)!.id };
    case "multiple":
      return { type: "multiple", optionIds: q.options.filter((o) => o.correct).map((o) => o.id) };
    case "truefalse":
      return { type: "truefalse", value: q.answer };
    case "numeric":
      return { type: "numeric", text: String(q.answer) };
    case "short":
      return { type: "short", text: q.accepted[0] };
    case "ordering":
      return { type: "ordering", order: q.items.map((i) => i.id) };
    case "matching":
      return { type: "matching", pairs: Object.fromEntries(q.pairs.map((p) => [p.id, p.id])) };
  }
}

/** A surely-wrong answer of the right type. */
export function wrongResponse(q: Question): Response {
  switch (q.type) {
    case "single":
      return { type: "single", optionId: q.options.find((o) => !o.correct)!.id };
    case "multiple":
      return { type: "multiple", optionIds: q.options.filter((o) => !o.correct).map((o) => o.id) };
    case "truefalse":
      return { type: "truefalse", value: !q.answer };
    case "numeric":
      return { type: "numeric", text: String(q.answer + q.tolerance + 1000) };
    case "short":
      return { type: "short", text: "zzz not an answer" };
    case "ordering":
      return { type: "ordering", order: q.items.map((i) => i.id).reverse() };
    case "matching": {
      const ids = q.pairs.map((p) => p.id);
      return { type: "matching", pairs: Object.fromEntries(ids.map((id, i) => [id, ids[(i + 1) % ids.length]])) };
    }
  }
}

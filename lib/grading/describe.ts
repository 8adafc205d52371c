// Owns turning a response and a question's key into plain lines of text for the review page (after the attempt only).
import type { Question } from "@/lib/content/schema";
import type { Response } from "./response";
import { listMatchingRightChoices } from "./content-ids";

/** The learner's answer as readable lines; [] when unanswered. */
export function describeResponse(question: Question, response: Response | null): string[] {
  if (!response || response.type !== question.type) return [];
  switch (question.type) {
    case "single": {
      const r = response as Extract<Response, { type: "single" }>;
      const o = question.options.find((x) => x.id === r.optionId);
      return o ? [o.text] : [];
    }
    case "multiple": {
      const r = response as Extract<Response, { type: "multiple" }>;
      return question.options.filter((o) => r.optionIds.includes(o.id)).map((o) => o.text);
    }
    case "truefalse": {
      const r = response as Extract<Response, { type: "truefalse" }>;
      return r.value === null ? [] : [r.value ? "True" : "False"];
    }
    case "numeric":
    case "short": {
      const r = response as Extract<Response, { type: "numeric" | "short" }>;
      return r.text.trim() ? [r.text.trim()] : [];
    }
    case "ordering": {
      const r = response as Extract<Response, { type: "ordering" }>;
      return r.order
        .map((id) => question.items.find((i) => i.id === id)?.text)
        .filter((t): t is string => Boolean(t))
        .map((t, i) => `${i + 1}. ${t}`);
    }
    case "matching": {
      const r = response as Extract<Response, { type: "matching" }>;
      const rights = listMatchingRightChoices(question);
      return question.pairs
        .filter((p) => r.pairs[p.id])
        .map((p) => `${p.left} → ${rights.find((c) => c.id === r.pairs[p.id])?.text ?? "—"}`);
    }
  }
}

/** The key as readable lines. */
export function describeKey(question: Question): string[] {
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options.filter((o) => o.correct).map((o) => o.text);
    case "truefalse":
      return [question.answer ? "True" : "False"];
    case "numeric":
      return [
        `${question.answer}${question.unit ? ` ${question.unit}` : ""}${question.tolerance > 0 ? ` (± ${question.tolerance})` : ""}`,
      ];
    case "short":
      return [question.accepted.join(" / ")];
    case "ordering":
      return question.items.map((i, n) => `${n + 1}. ${i.text}`);
    case "matching":
      return question.pairs.map((p) => `${p.left} → ${p.right}`);
  }
}

/** Per-option feedback for choice questions: what each option was, whether it was right, whether it was chosen. */
export function describeOptionFeedback(
  question: Question,
  response: Response | null,
): { text: string; correct: boolean; chosen: boolean; feedback: string }[] {
  if (question.type !== "single" && question.type !== "multiple") return [];
  const chosen = new Set<string>(
    response?.type === "single" && response.optionId
      ? [response.optionId]
      : response?.type === "multiple"
        ? response.optionIds
        : [],
  );
  return question.options.map((o) => ({ text: o.text, correct: o.correct, chosen: chosen.has(o.id), feedback: o.feedback }));
}

// Checks the browser half of the question-type registry: every type has a control that renders with labels and
// restores a saved answer, and "untouched"/"answered" mean what the attempt summary and spaced review expect.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { QUESTION_TYPES } from "@/lib/content/schema";
import { buildPresentation, contentResponseToClient, toClientQuestion } from "@/lib/grading";
import { CLIENT_QUESTION_TYPES, clientQuestionType } from "@/app/_components/question-types";
import { QuestionInput, isAnswered } from "@/app/_components/question-input";
import { correctResponse } from "@/tests/support/answers";
import { seededRandom } from "@/tests/support/seeded-random";
import { allQuestions } from "../grading/fixtures";

const shown = allQuestions.map((q) => {
  const presentation = buildPresentation(q, seededRandom(3));
  return { q, client: toClientQuestion(q, presentation), right: contentResponseToClient(q, presentation, correctResponse(q))! };
});

describe("client question-type registry", () => {
  it("has a control for every question type", () => {
    expect(Object.keys(CLIENT_QUESTION_TYPES).sort()).toEqual([...QUESTION_TYPES].sort());
  });

  it.each(shown.map((s) => [s.q.type, s] as const))("%s: renders a labelled control tied to the prompt", (_type, { client }) => {
    const html = renderToStaticMarkup(
      createElement(QuestionInput, { question: client, position: 4, value: null, onChange: () => undefined }),
    );
    expect(html).toMatch(/aria-labelledby="q4-prompt"|aria-describedby="q4-prompt"/);
    expect(html).toMatch(/<(input|select|button)/);
  });

  it.each(shown.map((s) => [s.q.type, s] as const))("%s: untouched is unanswered, the key is answered", (_type, { client, right }) => {
    const untouched = clientQuestionType(client.type).untouched(client);
    expect(untouched.type).toBe(client.type);
    // An untouched ordering sends the order shown, which is an answer (as in quizzes' review); every other type is empty.
    expect(isAnswered(untouched)).toBe(client.type === "ordering");
    expect(isAnswered(right)).toBe(true);
    expect(isAnswered(null)).toBe(false);
  });

  it("shows a saved single choice as checked, and ignores an answer of another type", () => {
    const { client, right } = shown.find((s) => s.q.type === "single")!;
    const render = (value: unknown) =>
      renderToStaticMarkup(
        createElement(QuestionInput, { question: client, position: 0, value: value as never, onChange: () => undefined }),
      );
    expect(render(right)).toContain('checked=""');
    expect(render({ type: "truefalse", value: true })).not.toContain('checked=""');
  });
});

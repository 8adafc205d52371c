// Starting (and finishing) attempts from tests through the real actions, which return the new attempt's URL on success.
import { expect } from "vitest";
import { saveAnswerAction, startAssignmentAction, startPracticeAction, submitAttemptAction } from "@/lib/actions/attempts";
import type { ActionResult } from "@/lib/actions/result";
import { fd } from "@/tests/support/next";
import { correctResponse, wrongResponse } from "@/tests/support/answers";
import { attemptItems } from "@/tests/integration/support/fixtures";

/** The started attempt's id, or the action's refusal as an Error (tests that expect a refusal call the action directly). */
function attemptIdOf(result: ActionResult<{ attemptId: string; url: string }>): string {
  if (!result.ok) throw new Error(`start failed: ${result.error}`);
  expect(result.data.url).toBe(`/attempts/${result.data.attemptId}`);
  return result.data.attemptId;
}

export async function startPracticeAttemptAs(topic: string): Promise<string> {
  return attemptIdOf(await startPracticeAction(null, fd({ topic })));
}

export async function startAssignedAttemptAs(assignmentId: string): Promise<string> {
  return attemptIdOf(await startAssignmentAction({ assignmentId }));
}

/** Answers every question right except those at `wrongPositions`, then submits; returns the attempt's items. */
export async function answerAndSubmit(attemptId: string, wrongPositions: number[] = []) {
  const items = await attemptItems(attemptId);
  for (const item of items) {
    const response = wrongPositions.includes(item.position) ? wrongResponse(item.question) : correctResponse(item.question);
    const saved = await saveAnswerAction({ attemptId, position: item.position, seq: 1, response: item.asClient(response) });
    expect(saved).toMatchObject({ ok: true });
  }
  expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: true });
  return items;
}

/** Practises a topic as the signed-in learner, answering every question right except those at `wrongPositions`. */
export async function practise(topic: string, wrongPositions: number[] = []) {
  const attemptId = await startPracticeAttemptAs(topic);
  return { attemptId, items: await answerAndSubmit(attemptId, wrongPositions) };
}

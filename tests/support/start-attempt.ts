// Starting attempts from tests through the real form actions, which return the new attempt's URL on success.
import { expect } from "vitest";
import { startAssignmentAction, startPracticeAction } from "@/lib/actions/attempts";
import type { ActionResult } from "@/lib/actions/result";
import { fd } from "@/tests/authz/support";

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
  return attemptIdOf(await startAssignmentAction(null, fd({ assignmentId })));
}


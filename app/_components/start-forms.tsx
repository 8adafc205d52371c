"use client";
// Buttons that start (or resume) an attempt through a server action, then open it; the error is shown if starting is refused.
import Link from "@/app/_components/link";
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { startAssignmentAction, startPracticeAction } from "@/lib/actions/attempts";
import type { ActionResult } from "@/lib/actions/result";
import { FormError, buttonClass } from "./form-fields";

/**
 * Opens the started attempt: the action returns its URL instead of redirecting (see lib/actions/attempts.ts). A
 * client-side navigation: only the attempt page's server render travels, not a fresh document with every script
 * parsed and hydrated again (that reload was about half of the 1.4 s from "Start practice" to the first question).
 * The attempt page is its own route segment, so its runner and timer still mount fresh.
 */
function useOpenStarted(state: ActionResult<{ url: string }> | null): boolean {
  const router = useRouter();
  const url = state?.ok ? state.data.url : null;
  useEffect(() => {
    if (url) router.push(url);
  }, [url, router]);
  return url !== null;
}

export function StartPracticeForm({ topic, resumeAttemptId }: { topic: string; resumeAttemptId: string | null }) {
  const [state, action, pending] = useActionState(startPracticeAction, null);
  const opening = useOpenStarted(state);
  if (resumeAttemptId)
    return (
      <p>
        <Link href={`/attempts/${resumeAttemptId}`} className={`${buttonClass} no-underline`}>
          Continue your practice attempt
        </Link>
      </p>
    );
  return (
    <form action={action} className="flex flex-col gap-3">
      <FormError message={state && !state.ok ? state.error : undefined} />
      <input type="hidden" name="topic" value={topic} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending || opening}>
          {pending || opening ? "Starting…" : "Start practice"}
        </button>
      </div>
    </form>
  );
}

export function StartAssignmentForm({ assignmentId, label }: { assignmentId: string; label: string }) {
  const [state, action, pending] = useActionState(startAssignmentAction, null);
  const opening = useOpenStarted(state);
  return (
    <form action={action} className="flex flex-col gap-2">
      <FormError message={state && !state.ok ? state.error : undefined} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending || opening}>
          {pending || opening ? "Starting…" : label}
        </button>
      </div>
    </form>
  );
}

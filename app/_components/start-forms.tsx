"use client";
// Buttons that start (or resume) an attempt through a server action, with the error shown if starting is refused.
import Link from "next/link";
import { useActionState } from "react";
import { startAssignmentAction, startPracticeAction } from "@/lib/actions/attempts";
import { FormError, buttonClass } from "./form-fields";

export function StartPracticeForm({ topic, resumeAttemptId }: { topic: string; resumeAttemptId: string | null }) {
  const [state, action, pending] = useActionState(startPracticeAction, null);
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
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Starting…" : "Start practice"}
        </button>
      </div>
    </form>
  );
}

export function StartAssignmentForm({ assignmentId, label }: { assignmentId: string; label: string }) {
  const [state, action, pending] = useActionState(startAssignmentAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <FormError message={state && !state.ok ? state.error : undefined} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Starting…" : label}
        </button>
      </div>
    </form>
  );
}

"use client";
// "Resend" for one student's grade: back to pending now; the outbox sends it with a newer timestamp.
import { useActionState } from "react";
import { resendScoreAction } from "@/lib/actions/lti";
import { FormError, secondaryButtonClass } from "@/app/_components/form-fields";

export function ResendScoreButton({ classId, syncId, label }: { classId: string; syncId: string; label: string }) {
  const [state, action, pending] = useActionState(resendScoreAction, null);
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="syncId" value={syncId} />
      <FormError message={state && !state.ok ? state.error : undefined} />
      {state?.ok && <p role="status">Queued to resend.</p>}
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {pending ? "Queuing…" : "Resend"}
        <span className="sr-only"> the grade of {label}</span>
      </button>
    </form>
  );
}

"use client";
// A two-step submit for destructive actions (remove, leave, delete, regenerate): the first press asks, the second does.
import { useState } from "react";
import { dangerButtonClass, secondaryButtonClass } from "./form-fields";

export function ConfirmSubmit({
  trigger,
  confirm,
  pendingLabel,
  pending,
  question,
}: {
  /** The first button's content (add an sr-only suffix naming the target). */
  trigger: React.ReactNode;
  /** The confirming submit button's text, e.g. "Confirm: remove Sam". */
  confirm: string;
  pendingLabel: string;
  pending: boolean;
  /** Optional sentence shown beside the confirm button. */
  question?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className={secondaryButtonClass} disabled={pending} onClick={() => setConfirming(true)}>
        {pending ? pendingLabel : trigger}
      </button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {question && <span className="text-sm">{question}</span>}
      <button type="submit" className={dangerButtonClass} disabled={pending} onClick={() => setTimeout(() => setConfirming(false), 0)}>
        {pending ? pendingLabel : confirm}
      </button>
      <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </div>
  );
}

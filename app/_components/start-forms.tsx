"use client";
// Buttons that start (or resume) an attempt through a server action, then open it; the error is shown if starting is refused.
import Link from "@/app/_components/link";
import { useActionState, useCallback, useEffect } from "react";
import { useRouter } from "next/navigation";
import { startAssignmentAction, startPracticeAction } from "@/lib/actions/attempts";
import type { ActionResult } from "@/lib/actions/result";
import { callUntilDecided } from "@/lib/quiz/autosave-policy";
import { FormError, buttonClass } from "./form-fields";

/** A full page load of the started attempt: works wherever the form is rendered, and the attempt page loads fresh. */
const loadPage = (url: string) => window.location.assign(url);

type Started = ActionResult<{ attemptId: string; url: string }>;
type StartAction = (prev: null, form: FormData) => Promise<Started>;

/** How long a start keeps retrying a busy server before it tells the learner (a class starting at once sheds load). */
const START_RETRY_BUDGET_MS = 120_000;

/**
 * The start action, retried while the server says it is busy (or cannot be reached): when a whole class presses
 * Start together the server admits a bounded number at once and asks the rest to come back after a few seconds
 * (lib/dal/attempts.ts). The button stays "Starting…" meanwhile; any other answer (started, or refused with a reason
 * such as "no attempts left") ends the loop.
 */
function retryWhileBusy(action: StartAction): (prev: Started | null, form: FormData) => Promise<Started> {
  return async (_prev, form) =>
    (await callUntilDecided(() => action(null, form), { tries: Infinity, budgetMs: START_RETRY_BUDGET_MS })) ?? {
      ok: false,
      code: "internal",
      error: "The server could not be reached. Check your connection and press Start again.",
    };
}
const startAssignmentWithRetries = retryWhileBusy((_prev, form) =>
  startAssignmentAction({ assignmentId: String(form.get("assignmentId") ?? "") }),
);
const startPracticeWithRetries = retryWhileBusy(startPracticeAction);

/** Opens the started attempt: the action returns its URL instead of redirecting (see lib/actions/attempts.ts). */
function useOpenStarted(state: ActionResult<{ url: string }> | null, open: (url: string) => void = loadPage): boolean {
  const url = state?.ok ? state.data.url : null;
  useEffect(() => {
    if (url) open(url);
  }, [url, open]);
  return url !== null;
}

export function StartPracticeForm({ topic, resumeAttemptId }: { topic: string; resumeAttemptId: string | null }) {
  const [state, action, pending] = useActionState(startPracticeWithRetries, null);
  // Practice opens by client-side navigation: only the attempt page's server render travels, not a fresh document
  // with every script parsed and hydrated again (that reload was about half of the 1.4 s from "Start practice" to the
  // first question). The attempt page is its own route segment, so its runner still mounts fresh.
  const router = useRouter();
  const navigate = useCallback((url: string) => router.push(url), [router]);
  const opening = useOpenStarted(state, navigate);
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
  const [state, action, pending] = useActionState(startAssignmentWithRetries, null);
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

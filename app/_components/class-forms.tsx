"use client";
// Class forms and buttons (create, join code, roster, co-instructors, join, leave): server actions with useActionState.
import { CLASS_NAME_MAX, CLASS_TERM_MAX } from "@/lib/quiz/limits";
import Link from "@/app/_components/link";
import { useActionState, useEffect, useId, useState } from "react";
import {
  addCoInstructorAction,
  createClassAction,
  joinClassAction,
  leaveClassAction,
  regenerateJoinCodeAction,
  removeStudentAction,
  setJoinEnabledAction,
} from "@/lib/actions/classes";
import { FormError, TextField, buttonClass, secondaryButtonClass } from "./form-fields";
import { ConfirmSubmit } from "./confirm-submit";

function Status({ message }: { message?: string }) {
  return (
    <p role="status" className="text-sm text-stone-700 dark:text-stone-300">
      {message}
    </p>
  );
}

export function CreateClassForm() {
  const [state, action, pending] = useActionState(createClassAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <TextField label="Class name" name="name" required maxLength={CLASS_NAME_MAX} autoComplete="off" errors={fe?.name} />
      <TextField
        label="Term (optional)"
        name="term"
        maxLength={CLASS_TERM_MAX}
        autoComplete="off"
        hint="For example “Spring 2026” or “Period 3”."
        errors={fe?.term}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating the class…" : "Create class"}
      </button>
    </form>
  );
}

/** The join link as selectable text plus a copy button; the text stays usable where the clipboard is not. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-stone-400 bg-white px-3 py-2 font-mono text-stone-900 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100"
        />
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          Copy<span className="sr-only"> {label.toLowerCase()}</span>
        </button>
      </div>
      <Status message={copied ? "Copied." : undefined} />
    </div>
  );
}

export function RegenerateJoinCodeButton({ classId }: { classId: string }) {
  const [state, action, pending] = useActionState(regenerateJoinCodeAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="classId" value={classId} />
      <ConfirmSubmit
        trigger="Make a new join code"
        question="The old code and link stop working. Continue?"
        confirm="Yes, make a new code"
        pendingLabel="Making a new code…"
        pending={pending}
      />
      <FormError message={state && !state.ok ? state.error : undefined} />
      <Status message={state?.ok ? `New join code: ${state.data.joinCode}` : undefined} />
    </form>
  );
}

export function JoinEnabledToggle({ classId, joinEnabled }: { classId: string; joinEnabled: boolean }) {
  const [state, action, pending] = useActionState(setJoinEnabledAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="enabled" value={joinEnabled ? "false" : "true"} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {joinEnabled ? "Turn joining off" : "Turn joining on"}
      </button>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <Status message={state?.ok ? (state.data.joinEnabled ? "Joining is on." : "Joining is off.") : undefined} />
    </form>
  );
}

export function RemoveStudentButton({ classId, studentId, studentName }: { classId: string; studentId: string; studentName: string }) {
  const [state, action, pending] = useActionState(removeStudentAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="studentId" value={studentId} />
      <ConfirmSubmit
        trigger={
          <>
            Remove<span className="sr-only"> {studentName}</span>
          </>
        }
        confirm={`Confirm: remove ${studentName}`}
        pendingLabel="Removing…"
        pending={pending}
      />
      <FormError message={state && !state.ok ? state.error : undefined} />
    </form>
  );
}

export function AddCoInstructorForm({ classId }: { classId: string }) {
  const [state, action, pending] = useActionState(addCoInstructorAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-md flex-col gap-3" noValidate>
      <input type="hidden" name="classId" value={classId} />
      <FormError message={state && !state.ok ? state.error : undefined} />
      <TextField
        label="Co-instructor’s email"
        name="email"
        type="email"
        autoComplete="off"
        required
        hint="They need an instructor account already."
        errors={fe?.email}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Adding…" : "Add co-instructor"}
      </button>
      <Status message={state?.ok ? `${state.data.name} now teaches this class.` : undefined} />
    </form>
  );
}

/** Opens the dashboard's "You joined …" confirmation once joining succeeded (a full load, so it renders fresh). */
function useOpenJoined(url: string | null): boolean {
  useEffect(() => {
    if (url) window.location.assign(url);
  }, [url]);
  return url !== null;
}

/** The button on a join link's page: the code comes from the link. */
export function JoinClassForm({ code, className, alreadyJoined }: { code: string; className: string; alreadyJoined: boolean }) {
  const [state, action, pending] = useActionState(joinClassAction, null);
  const opening = useOpenJoined(state?.ok ? state.data.url : null);
  if (alreadyJoined && !state?.ok)
    return (
      <p>
        You are already in this class. <Link href="/dashboard">Go to your dashboard</Link>.
      </p>
    );
  if (state?.ok)
    return (
      <div role="status" className="flex flex-col gap-2">
        <p>You joined {state.data.name}.</p>
        <p>
          <Link href={state.data.url}>See its assigned work on your dashboard</Link>
        </p>
      </div>
    );
  return (
    <form action={action} className="flex flex-col items-start gap-3">
      <input type="hidden" name="code" value={code} />
      <FormError message={state && !state.ok ? state.error : undefined} />
      <button type="submit" className={buttonClass} disabled={pending || opening}>
        {pending ? "Joining…" : `Join ${className}`}
      </button>
    </form>
  );
}

/**
 * The dashboard's "Join a class" box: type the code the instructor gave. A wrong code keeps what was typed, marks the
 * field and says why, so the learner can correct it and try again.
 */
export function JoinByCodeForm() {
  const [state, action, pending] = useActionState(joinClassAction, null);
  const [code, setCode] = useState("");
  const opening = useOpenJoined(state?.ok ? state.data.url : null);
  const failed = state && !state.ok ? state : null;
  const errors = failed ? (failed.fieldErrors?.code ?? [failed.error]) : undefined;
  return (
    <form action={action} className="flex max-w-md flex-col gap-3" noValidate>
      <TextField
        label="Class join code"
        name="code"
        hint="From your instructor, e.g. ABCD-EFGH-JK."
        autoComplete="off"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        errors={errors}
      />
      {state?.ok && <Status message={`You joined ${state.data.name}. Opening your dashboard…`} />}
      <div>
        <button type="submit" className={buttonClass} disabled={pending || opening}>
          {pending ? "Joining…" : "Join class"}
        </button>
      </div>
    </form>
  );
}

export function LeaveClassButton({ classId, className }: { classId: string; className: string }) {
  const [state, action, pending] = useActionState(leaveClassAction, null);
  if (state?.ok) return <Status message={`You left ${className}.`} />;
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="classId" value={classId} />
      <ConfirmSubmit
        trigger={
          <>
            Leave<span className="sr-only"> {className}</span>
          </>
        }
        confirm={`Confirm: leave ${className}`}
        pendingLabel="Leaving…"
        pending={pending}
      />
      <FormError message={state && !state.ok ? state.error : undefined} />
    </form>
  );
}

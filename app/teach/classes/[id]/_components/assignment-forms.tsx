"use client";
// Assignment forms for instructors (assign, edit, delete, per-student overrides, extra time), and dates shown in the
// instructor's own time zone. Dates are typed as wall-clock time; the browser's zone travels in a hidden field.
import { QuestionPicker } from "./question-picker";
import type { PickableQuestionDTO } from "@/lib/dal/question-picker";
import { HOLD_RULE } from "@/lib/quiz/integrity";
import { startTransition, useActionState, useId, useSyncExternalStore } from "react";
import {
  assignModuleAction,
  createCustomQuizAction,
  assignQuizAction,
  clearOverrideAction,
  deleteAssignmentAction,
  setAccommodationAction,
  setOverrideAction,
  updateAssignmentAction,
} from "@/lib/actions/assignments";
import type { ActionResult } from "@/lib/actions/result";
import { FormError, SelectField as Select, TextField as Field, buttonClass, secondaryButtonClass } from "@/app/_components/form-fields";
import { ConfirmSubmit } from "@/app/_components/confirm-submit";
import {
  ACCOMMODATION_MAX,
  ACCOMMODATION_MIN,
  ATTEMPTS_MAX,
  CUSTOM_QUIZ_MAX_QUESTIONS,
  EXTRA_ATTEMPTS_MAX,
  GRACE_DEFAULT_SECONDS,
  GRACE_MAX_SECONDS,
  QUIZ_TITLE_MAX,
  TIME_LIMIT_MAX_MINUTES,
} from "@/lib/quiz/limits";
import { GRADING_METHOD_OPTIONS, LAYOUT_OPTIONS, NAVIGATION_OPTIONS, REVIEW_TIMING_OPTIONS } from "@/lib/quiz/labels";
import type { GradingMethod, Navigation, ReviewTiming } from "@/lib/generated/prisma/enums";

const hintClass = "text-sm text-stone-600 dark:text-stone-300";

/** Serializable assignment settings, dates as ISO strings. */
export type AssignmentFormValues = {
  id: string;
  openAt: string | null;
  dueAt: string | null;
  closeAt: string | null;
  timeLimitMinutes: number | null;
  attemptsAllowed: number | null;
  gradingMethod: GradingMethod;
  reviewTiming: ReviewTiming;
  navigation: Navigation;
  onePerPage: boolean;
  graceSeconds: number;
};

export type StudentOption = { userId: string; name: string; accommodationFactor: number };
export type QuizOption = { id: string; title: string; assigned: boolean };

// ---- time zone ----

const subscribeNever = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The browser's IANA zone; "UTC" on the server and before hydration (which is also what a no-JS submit means). */
function useTimeZone(): string {
  return useSyncExternalStore(subscribeNever, browserZone, () => "UTC");
}

/** An ISO instant as the value of a datetime-local input in `zone`. */
function toLocalInput(iso: string | null, zone: string): string {
  if (!iso) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

function ZoneField() {
  const zone = useTimeZone();
  return <input type="hidden" name="timezone" value={zone} />;
}

function ZoneHint() {
  const zone = useTimeZone();
  return <p className={hintClass}>Dates and times are in your time zone ({zone}).</p>;
}

// ---- form plumbing ----

/**
 * Submits through the action without React's automatic form reset, so a form with a mistake keeps what was typed.
 * The form's `action` stays set, so it still works before JavaScript loads.
 */
function useSubmitKeepingValues(action: (form: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => action(form));
  };
}

function errorsOf(state: ActionResult<unknown> | null): Record<string, string[]> | undefined {
  return state && !state.ok ? state.fieldErrors : undefined;
}

function Status({ message }: { message?: string }) {
  return (
    <p role="status" className="text-sm text-stone-700 dark:text-stone-300">
      {message}
    </p>
  );
}

/** Every assignment setting, labelled, with its errors; prefilled from `values` when editing. */
function SettingsFields({ values, errors }: { values?: AssignmentFormValues; errors?: Record<string, string[]> }) {
  const zone = useTimeZone();
  return (
    // Remounted when the browser's zone becomes known, so prefilled dates show in that zone.
    <div key={zone} className="flex flex-col gap-4">
      <ZoneField />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">Dates (all optional)</legend>
        <Field
          label="Opens"
          name="openAt"
          type="datetime-local"
          defaultValue={toLocalInput(values?.openAt ?? null, zone)}
          hint="Empty: open now."
          errors={errors?.openAt}
        />
        <Field
          label="Due"
          name="dueAt"
          type="datetime-local"
          defaultValue={toLocalInput(values?.dueAt ?? null, zone)}
          hint="Late work is marked overdue."
          errors={errors?.dueAt}
        />
        <Field
          label="Closes"
          name="closeAt"
          type="datetime-local"
          defaultValue={toLocalInput(values?.closeAt ?? null, zone)}
          hint="No new attempts after this; open ones end."
          errors={errors?.closeAt}
        />
      </fieldset>
      <ZoneHint />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">Limits</legend>
        <Field
          label="Time limit (minutes)"
          name="timeLimitMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={TIME_LIMIT_MAX_MINUTES}
          step={1}
          defaultValue={values?.timeLimitMinutes ?? ""}
          hint={`1–${TIME_LIMIT_MAX_MINUTES}; empty for no limit.`}
          errors={errors?.timeLimitMinutes}
        />
        <Field
          label="Attempts allowed"
          name="attemptsAllowed"
          type="number"
          inputMode="numeric"
          min={1}
          max={ATTEMPTS_MAX}
          step={1}
          defaultValue={values?.attemptsAllowed ?? ""}
          hint={`1–${ATTEMPTS_MAX}; empty for unlimited.`}
          errors={errors?.attemptsAllowed}
        />
        <Field
          label="Grace period (seconds)"
          name="graceSeconds"
          type="number"
          inputMode="numeric"
          min={0}
          max={GRACE_MAX_SECONDS}
          step={1}
          defaultValue={values?.graceSeconds ?? GRACE_DEFAULT_SECONDS}
          hint={`0–${GRACE_MAX_SECONDS}; absorbs the last autosave, not extra working time.`}
          errors={errors?.graceSeconds}
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Grading and review</legend>
        <Select
          label="Grade that counts"
          name="gradingMethod"
          options={GRADING_METHOD_OPTIONS}
          defaultValue={values?.gradingMethod ?? "HIGHEST"}
          errors={errors?.gradingMethod}
        />
        <Select
          label="Students see results per question, answers and explanations"
          name="reviewTiming"
          options={REVIEW_TIMING_OPTIONS}
          defaultValue={values?.reviewTiming ?? "IMMEDIATELY"}
          errors={errors?.reviewTiming}
        />
        <Select
          label="Navigation"
          name="navigation"
          options={NAVIGATION_OPTIONS}
          defaultValue={values?.navigation ?? "FREE"}
          errors={errors?.navigation}
        />
        <Select
          label="Layout"
          name="layout"
          options={LAYOUT_OPTIONS}
          defaultValue={values ? (values.onePerPage ? "onePerPage" : "all") : "all"}
          errors={errors?.layout}
        />
      </fieldset>
      <details className="text-sm text-stone-700 dark:text-stone-300">
        <summary className="cursor-pointer">How graded questions are kept out of practice and review</summary>
        <p className="mt-2">{HOLD_RULE.summary}</p>
        <ul className="mt-1 list-disc pl-6">
          {HOLD_RULE.release.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function assignedMessage(state: ActionResult<{ created: number; skipped: number }> | null): string | undefined {
  if (!state?.ok) return undefined;
  const { created, skipped } = state.data;
  const made = `Assigned ${created} quiz${created === 1 ? "" : "zes"}.`;
  return skipped ? `${made} ${skipped} already assigned quiz${skipped === 1 ? " was" : "zes were"} left as they were.` : made;
}

// ---- assigning ----

export function AssignModuleForm({ classId }: { classId: string }) {
  const [state, action, pending] = useActionState(assignModuleAction, null);
  const onSubmit = useSubmitKeepingValues(action);
  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="classId" value={classId} />
      <p className={hintClass}>One assignment per quiz in the module, all with these settings. Quizzes already assigned are skipped.</p>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <SettingsFields errors={errorsOf(state)} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Assigning…" : "Assign the whole module"}
        </button>
      </div>
      <Status message={assignedMessage(state)} />
    </form>
  );
}

export function AssignQuizForm({ classId, quizzes }: { classId: string; quizzes: QuizOption[] }) {
  const [state, action, pending] = useActionState(assignQuizAction, null);
  const onSubmit = useSubmitKeepingValues(action);
  const errors = errorsOf(state);
  const firstFree = quizzes.find((q) => !q.assigned);
  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="classId" value={classId} />
      <FormError message={state && !state.ok ? state.error : undefined} />
      <Select
        label="Quiz"
        name="quizId"
        defaultValue={firstFree?.id}
        options={quizzes.map((q) => ({ value: q.id, label: q.assigned ? `${q.title} (already assigned)` : q.title, disabled: q.assigned }))}
        errors={errors?.quizId}
      />
      <SettingsFields errors={errors} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending || !firstFree}>
          {pending ? "Assigning…" : "Assign this quiz"}
        </button>
      </div>
      <Status message={assignedMessage(state)} />
    </form>
  );
}

export function CustomQuizForm({
  classId,
  topics,
  questions,
}: {
  classId: string;
  topics: { slug: string; title: string }[];
  questions: PickableQuestionDTO[];
}) {
  const [state, action, pending] = useActionState(createCustomQuizAction, null);
  const errors = errorsOf(state);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="classId" value={classId} />
      <p className={hintClass}>
        A quiz for this class only. Draw questions at random from the topics you tick (each learner sees the questions they have seen least
        first), or pick the questions yourself for a fixed quiz. Then assign it above.
      </p>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <Field label="Title" name="title" maxLength={QUIZ_TITLE_MAX} errors={errors?.title} />
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium">Topics to draw from</legend>
        {topics.map((t) => (
          <label key={t.slug} className="flex items-center gap-2">
            <input type="checkbox" name="topics" value={t.slug} />
            {t.title}
          </label>
        ))}
      </fieldset>
      <Field
        label="Questions to draw"
        name="questionCount"
        type="number"
        inputMode="numeric"
        min={1}
        max={CUSTOM_QUIZ_MAX_QUESTIONS}
        defaultValue={8}
        hint={`1–${CUSTOM_QUIZ_MAX_QUESTIONS}.`}
        errors={errors?.questionCount}
      />
      <QuestionPicker questions={questions} error={errors?.questionKeys} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Creating…" : "Create the quiz"}
        </button>
      </div>
      <Status message={state?.ok ? `Created “${state.data.title}”. Assign it with “Assign one quiz”.` : undefined} />
    </form>
  );
}

// ---- one assignment ----

export function EditAssignmentForm({ values }: { values: AssignmentFormValues }) {
  const [state, action, pending] = useActionState(updateAssignmentAction, null);
  const onSubmit = useSubmitKeepingValues(action);
  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="assignmentId" value={values.id} />
      <p className={hintClass}>
        Changes apply to attempts started after you save. Attempts already started keep the deadline they were given.
      </p>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <SettingsFields values={values} errors={errorsOf(state)} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
      </div>
      <Status message={state?.ok ? "Saved." : undefined} />
    </form>
  );
}

export function DeleteAssignmentButton({ assignmentId, quizTitle }: { assignmentId: string; quizTitle: string }) {
  const [state, action, pending] = useActionState(deleteAssignmentAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <ConfirmSubmit
        trigger={
          <>
            Delete assignment<span className="sr-only">: {quizTitle}</span>
          </>
        }
        confirm={`Confirm: delete ${quizTitle}`}
        pendingLabel="Deleting…"
        pending={pending}
      />
      <FormError message={state && !state.ok ? state.error : undefined} />
    </form>
  );
}

// ---- per-student ----

export function OverrideForm({ assignmentId, students }: { assignmentId: string; students: StudentOption[] }) {
  const [state, action, pending] = useActionState(setOverrideAction, null);
  const onSubmit = useSubmitKeepingValues(action);
  const errors = errorsOf(state);
  if (students.length === 0) return <p>No students have joined yet.</p>;
  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <ZoneField />
      <FormError message={state && !state.ok ? state.error : undefined} />
      {errors?._ && <p className="text-sm text-red-700 dark:text-red-400">{errors._.join(" ")}</p>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label="Student"
          name="studentId"
          options={students.map((s) => ({ value: s.userId, label: s.name }))}
          errors={errors?.studentId}
        />
        <Field
          label="Extra attempts"
          name="extraAttempts"
          type="number"
          inputMode="numeric"
          min={0}
          max={EXTRA_ATTEMPTS_MAX}
          step={1}
          defaultValue={0}
          hint={`0–${EXTRA_ATTEMPTS_MAX}, on top of the class’s limit.`}
          errors={errors?.extraAttempts}
        />
        <Field label="Later due date" name="dueAt" type="datetime-local" hint="Empty: the class’s due date." errors={errors?.dueAt} />
        <Field
          label="Later close date"
          name="closeAt"
          type="datetime-local"
          hint="Empty: the class’s close date."
          errors={errors?.closeAt}
        />
      </div>
      <ZoneHint />
      <p className={hintClass}>
        Saving replaces this student’s earlier override on this quiz. It applies to attempts they start afterwards.
      </p>
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Saving…" : "Save override"}
        </button>
      </div>
      <Status message={state?.ok ? "Override saved." : undefined} />
    </form>
  );
}

export function ClearOverrideButton({
  assignmentId,
  studentId,
  studentName,
}: {
  assignmentId: string;
  studentId: string;
  studentName: string;
}) {
  const [state, action, pending] = useActionState(clearOverrideAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="studentId" value={studentId} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {pending ? "Clearing…" : "Clear"}
        <span className="sr-only"> the override for {studentName}</span>
      </button>
      <FormError message={state && !state.ok ? state.error : undefined} />
    </form>
  );
}

export function AccommodationForm({ classId, students }: { classId: string; students: StudentOption[] }) {
  const [state, action, pending] = useActionState(setAccommodationAction, null);
  const onSubmit = useSubmitKeepingValues(action);
  const errors = errorsOf(state);
  const listId = useId();
  if (students.length === 0) return <p>No students have joined yet.</p>;
  return (
    <form action={action} onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      <input type="hidden" name="classId" value={classId} />
      <FormError message={state && !state.ok ? state.error : undefined} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label="Student"
          name="studentId"
          options={students.map((s) => ({
            value: s.userId,
            label: s.accommodationFactor === 1 ? s.name : `${s.name} (now × ${s.accommodationFactor})`,
          }))}
          errors={errors?.studentId}
        />
        <Field
          label="Time multiplier"
          name="factor"
          type="number"
          inputMode="decimal"
          min={ACCOMMODATION_MIN}
          max={ACCOMMODATION_MAX}
          step={0.05}
          defaultValue={1.5}
          list={listId}
          hint={`1 = none, 1.25, 1.5 = time and a half, 2 = double; at most ${ACCOMMODATION_MAX}.`}
          errors={errors?.factor}
        />
        <datalist id={listId}>
          {[1, 1.25, 1.5, 2, 3].map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      </div>
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Saving…" : "Save extra time"}
        </button>
      </div>
      <Status message={state?.ok ? `Saved: time limits × ${state.data.factor} for attempts this student starts from now on.` : undefined} />
    </form>
  );
}

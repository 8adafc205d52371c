"use client";
// Forms of the bank pages: create, rename and share a bank, duplicate or retire a question, and the regrade panel
// (choose "future attempts only" or a dry run, then apply). Server actions with useActionState.
import { useActionState, useState } from "react";
import {
  applyRegradeAction,
  createBankAction,
  duplicateQuestionAction,
  regradeDryRunAction,
  renameBankAction,
  setQuestionRetiredAction,
  shareBankAction,
} from "@/lib/actions/question-banks";
import type { RegradeReportDTO } from "@/lib/dal/question-banks";
import { BANK_NAME_MAX } from "@/lib/validation/bank-question";
import { FormError, SelectField, TextField, buttonClass, secondaryButtonClass } from "@/app/_components/form-fields";

function Done({ show, message }: { show: boolean; message: string }) {
  return (
    <p role="status" className="text-sm text-stone-700 dark:text-stone-300">
      {show ? message : ""}
    </p>
  );
}

export function CreateBankForm() {
  const [state, action, pending] = useActionState(createBankAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-md flex-col gap-3" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <TextField label="New bank name" name="name" maxLength={BANK_NAME_MAX} autoComplete="off" errors={fe?.name} />
      <button type="submit" className={buttonClass} disabled={pending}>
        Create bank
      </button>
      <Done show={state?.ok === true} message="Bank created." />
    </form>
  );
}

export function RenameBankForm({ bankId, name }: { bankId: string; name: string }) {
  const [state, action, pending] = useActionState(renameBankAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" noValidate>
      <input type="hidden" name="bankId" value={bankId} />
      <TextField
        label={`Rename “${name}”`}
        name="name"
        defaultValue={name}
        maxLength={BANK_NAME_MAX}
        autoComplete="off"
        errors={fe?.name}
      />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Rename
      </button>
      <FormError message={state && !state.ok && !fe ? state.error : undefined} />
      <Done show={state?.ok === true} message="Renamed." />
    </form>
  );
}

export function ShareBankForm({
  bankId,
  name,
  sharedClassId,
  classes,
}: {
  bankId: string;
  name: string;
  sharedClassId: string | null;
  classes: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState(shareBankAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" noValidate>
      <input type="hidden" name="bankId" value={bankId} />
      <SelectField
        label={`Share “${name}” with`}
        name="classId"
        defaultValue={sharedClassId ?? ""}
        options={[{ value: "", label: "Nobody (private)" }, ...classes.map((c) => ({ value: c.id, label: `Instructors of ${c.name}` }))]}
      />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Save sharing
      </button>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <Done show={state?.ok === true} message="Sharing saved." />
    </form>
  );
}

export function DuplicateQuestionForm({
  questionId,
  questionKey,
  banks,
}: {
  questionId: string;
  questionKey: string;
  banks: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState(duplicateQuestionAction, null);
  if (banks.length === 0)
    return <p className="text-xs text-stone-600 dark:text-stone-300">Create a bank to duplicate questions into it.</p>;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2 text-sm" noValidate>
      <input type="hidden" name="questionId" value={questionId} />
      <SelectField label={`Duplicate ${questionKey} into`} name="bankId" options={banks.map((b) => ({ value: b.id, label: b.name }))} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Duplicate<span className="sr-only"> {questionKey}</span>
      </button>
      <FormError message={state && !state.ok ? state.error : undefined} />
    </form>
  );
}

export function RetireQuestionForm({ bankId, questionId, retired }: { bankId: string; questionId: string; retired: boolean }) {
  const [state, action, pending] = useActionState(setQuestionRetiredAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" noValidate>
      <input type="hidden" name="bankId" value={bankId} />
      <input type="hidden" name="questionId" value={questionId} />
      <input type="hidden" name="retired" value={retired ? "false" : "true"} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {retired ? "Bring back (un-retire)" : "Retire (no longer drawn; history kept)"}
      </button>
      <FormError message={state && !state.ok ? state.error : undefined} />
    </form>
  );
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** After a key change: future attempts only (nothing to do), or a dry run of the regrade and then applying it. */
export function RegradePanel({ questionId, answered }: { questionId: string; answered: number }) {
  const [choice, setChoice] = useState<"future" | "regrade" | null>(null);
  const [report, setReport] = useState<RegradeReportDTO | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function dryRun() {
    setBusy(true);
    const r = await regradeDryRunAction({ questionId });
    setBusy(false);
    if (r.ok) {
      setReport(r.data);
      setError(undefined);
    } else setError(r.error);
  }
  async function apply() {
    if (!report) return;
    setBusy(true);
    const r = await applyRegradeAction({ questionId, expectVersionId: report.toVersionId });
    setBusy(false);
    if (r.ok) {
      setReport(r.data);
      setError(undefined);
    } else setError(r.error);
  }

  return (
    <section aria-labelledby="regrade-heading" className="flex flex-col gap-3 rounded border border-amber-400 p-4 dark:border-amber-700">
      <h2 id="regrade-heading" className="text-lg font-semibold">
        Past attempts
      </h2>
      <p>
        {answered} answer{answered === 1 ? " was" : "s were"} given on earlier versions of this question in your classes. They keep their
        marks unless you regrade them against the current version.
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButtonClass} aria-pressed={choice === "future"} onClick={() => setChoice("future")}>
          Future attempts only
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          aria-pressed={choice === "regrade"}
          disabled={busy}
          onClick={() => {
            setChoice("regrade");
            void dryRun();
          }}
        >
          Regrade past attempts (dry run first)
        </button>
      </div>
      <FormError message={error} />
      {choice === "future" && <p role="status">Nothing changes: past attempts keep their marks; new attempts use the current version.</p>}
      {choice === "regrade" && report && (
        <div className="flex flex-col gap-3">
          <p role="status">
            {report.applied
              ? `Regrade applied: ${report.attempts.length} attempt${report.attempts.length === 1 ? "" : "s"} now graded on version ${report.toVersion}.`
              : `Dry run: ${report.attempts.length} attempt${report.attempts.length === 1 ? "" : "s"} would be regraded against version ${report.toVersion}. Nothing has changed yet.`}
            {report.incompatible > 0 && ` ${report.incompatible} answer(s) keep their version: the edit changed which parts were shown.`}
            {report.inProgress > 0 &&
              ` ${report.inProgress} answer(s) in attempts still in progress are graded on their version when submitted.`}
          </p>
          {report.attempts.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{report.applied ? "Regraded attempts" : "Attempts the regrade would change"}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="pr-3">
                      Student
                    </th>
                    <th scope="col" className="pr-3">
                      Assignment
                    </th>
                    <th scope="col" className="pr-3">
                      Item (old → new mark)
                    </th>
                    <th scope="col" className="pr-3">
                      Attempt total (old → new)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.attempts.map((a) => (
                    <tr key={a.attemptId} className="border-t border-stone-200 dark:border-stone-800">
                      <td className="pr-3">{a.studentName}</td>
                      <td className="pr-3">
                        {a.assignment} <span className="text-stone-600 dark:text-stone-300">({a.className})</span>
                      </td>
                      <td className="pr-3">
                        {a.items
                          .map(
                            (i) =>
                              `Q${i.position + 1} (v${i.fromVersion}): ${fmt(i.oldPoints)} → ${fmt(i.newPoints)} / ${fmt(i.maxPoints)}`,
                          )
                          .join("; ")}
                      </td>
                      <td className="pr-3">
                        {fmt(a.oldTotal.points)} / {fmt(a.oldTotal.maxPoints)} → {fmt(a.newTotal.points)} / {fmt(a.newTotal.maxPoints)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!report.applied && report.attempts.length > 0 && (
            <button type="button" className={buttonClass} disabled={busy} onClick={() => void apply()}>
              Apply regrade to these {report.attempts.length} attempt{report.attempts.length === 1 ? "" : "s"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

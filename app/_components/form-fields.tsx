// Labelled inputs with their errors announced, shared by every form.
import { useId } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/quiz/limits";

// An invalid field is outlined (red border and ring), not only described in text.
const inputClass =
  "rounded border border-stone-400 bg-white px-3 py-2 text-stone-900 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-700/40 dark:aria-[invalid=true]:border-red-400";

/** Label, optional hint and announced errors around one control; ids come from useId, so two forms on a page never clash. */
function LabelledField({
  label,
  hint,
  errors,
  children,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; className: string }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-stone-600 dark:text-stone-300">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy, className: inputClass })}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  name,
  type = "text",
  errors,
  hint,
  ...rest
}: {
  label: string;
  name: string;
  type?: string;
  errors?: string[];
  hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <LabelledField label={label} hint={hint} errors={errors}>
      {(control) => <input name={name} type={type} {...control} {...rest} />}
    </LabelledField>
  );
}

export function SelectField({
  label,
  name,
  options,
  errors,
  hint,
  defaultValue,
}: {
  label: string;
  name: string;
  options: { value: string; label: string; disabled?: boolean }[];
  errors?: string[];
  hint?: string;
  defaultValue?: string;
}) {
  return (
    <LabelledField label={label} hint={hint} errors={errors}>
      {(control) => (
        <select name={name} defaultValue={defaultValue} {...control}>
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

export function FormError({ message, id }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <p
      id={id}
      role="alert"
      className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {message}
    </p>
  );
}

export const buttonClass =
  "inline-flex items-center justify-center rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60";

export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded border border-stone-400 px-3 py-1.5 text-sm hover:bg-stone-100 disabled:opacity-60 dark:border-stone-600 dark:hover:bg-stone-800";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60";

/** A new password typed twice, as the account page and the reset page ask for it (fields newPassword, newPasswordAgain). */
export function NewPasswordFields({ hint, errors }: { hint: string; errors?: Record<string, string[] | undefined> }) {
  return (
    <>
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={hint}
        errors={errors?.newPassword}
      />
      <TextField
        label="New password again"
        name="newPasswordAgain"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.newPasswordAgain}
      />
    </>
  );
}

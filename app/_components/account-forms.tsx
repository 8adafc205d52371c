"use client";
// The account page's forms: display name, password change and "sign out everywhere", each a server action with useActionState.
import { useActionState } from "react";
import { changePasswordAction, signOutEverywhereAction, updateDisplayNameAction } from "@/lib/actions/account";
import { DISPLAY_NAME_MAX } from "@/lib/quiz/limits";
import { FormError, TextField, buttonClass, dangerButtonClass, NewPasswordFields } from "./form-fields";

function Saved({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p
      role="status"
      className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
    >
      {message}
    </p>
  );
}

export function DisplayNameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(updateDisplayNameAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <Saved message={state?.ok ? state.data.message : undefined} />
      <TextField label="Name" name="name" autoComplete="name" required maxLength={DISPLAY_NAME_MAX} defaultValue={name} errors={fe?.name} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </button>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <Saved message={state?.ok ? state.data.message : undefined} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={fe?.currentPassword}
      />
      <NewPasswordFields hint="At least 10 characters; not one of the most common passwords." errors={fe} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Changing your password…" : "Change password"}
      </button>
    </form>
  );
}

export function SignOutEverywhereForm() {
  const [state, action, pending] = useActionState(signOutEverywhereAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-3">
      <FormError message={state && !state.ok ? state.error : undefined} />
      <button type="submit" className={dangerButtonClass} disabled={pending}>
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
    </form>
  );
}

"use client";
// Sign-in and sign-up forms: server actions with useActionState, errors next to their fields.
import { useActionState } from "react";
import { signInAction, signUpAction } from "@/lib/actions/auth";
import { DISPLAY_NAME_MAX, MIN_PASSWORD_LENGTH } from "@/lib/quiz/limits";
import { FormError, TextField, buttonClass } from "./form-fields";

export function SignInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      {next && <input type="hidden" name="next" value={next} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function SignUpForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(signUpAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <TextField label="Name" name="name" autoComplete="name" required maxLength={DISPLAY_NAME_MAX} errors={fe?.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required errors={fe?.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint="At least 10 characters and hard to guess: a few uncommon words work well."
        errors={fe?.password}
      />
      <TextField
        label="Instructor invite code (optional)"
        name="inviteCode"
        autoComplete="off"
        hint="Only if an administrator gave you one; everyone else signs up as a learner."
        errors={fe?.inviteCode}
      />
      {next && <input type="hidden" name="next" value={next} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
